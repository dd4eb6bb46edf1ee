import { Injectable } from '@nestjs/common';
import type { AnyCloudEvent, CloudEvent, EventType } from '@onewindow/contracts';
import { AuditTrail, Inbox, RetryLaterError } from '@onewindow/platform';
import { CaseEntity } from '../cases/infrastructure/case.entities';
import { HOLD_EVENT_TYPES, statusWithHolds } from '../cases/domain/case-holds';
import { statusAfter } from '../cases/domain/case-status';
import { loadOpenHolds } from '../cases/infrastructure/open-holds';
import { TimelineRecorder } from './timeline.recorder';

const HOLDS: ReadonlySet<string> = new Set(HOLD_EVENT_TYPES.filter((t) => t.startsWith('task.') && t !== 'task.decided'));

/** Appends a back-office event to the case timeline and moves the status forward, exactly once. */
@Injectable()
export class RecordProgressUseCase {
  constructor(
    private readonly inbox: Inbox,
    private readonly timeline: TimelineRecorder,
    private readonly audit: AuditTrail,
  ) {}

  async execute(event: CloudEvent<EventType>): Promise<void> {
    const e = event as AnyCloudEvent;
    await this.inbox.handle(e, async (m) => {
      const c = await m.findOne(CaseEntity, { where: { id: e.subject }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw new RetryLaterError(`case ${e.subject} not known (yet)`);
      await this.timeline.record(m, e);
      // Holds are per task: with several departments at work (a bundle) one hold may end while another runs.
      const next = HOLDS.has(e.type)
        ? statusWithHolds(c.status, await loadOpenHolds(m, c.id))
        : statusAfter(c.status, e.type, e.type === 'case.decided' ? e.data.outcome : undefined);
      if (next !== c.status) await m.update(CaseEntity, { id: c.id }, { status: next, updatedAt: new Date() });
      await this.audit.record({ action: 'case.progress', subjectType: 'case', subjectId: c.id, reason: `event ${e.type} from ${e.source}`, details: { eventId: e.id, status: next } }, m);
    });
  }
}
