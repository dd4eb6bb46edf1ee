import { Injectable } from '@nestjs/common';
import { type AnyCloudEvent, type CloudEvent, EventTypes, type EventType } from '@onewindow/contracts';
import { AuditTrail, Inbox, RetryLaterError } from '@onewindow/platform';
import { type EntityManager, In } from 'typeorm';
import { CaseEntity, TimelineEntryEntity } from '../cases/infrastructure/case.entities';
import { HOLD_EVENT_TYPES, statusWithHolds } from '../cases/domain/case-holds';
import { everyResultHandedOver, statusAfter } from '../cases/domain/case-status';
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
      // Already on the timeline (a replay): it moved the case when it first came.
      if (!(await this.timeline.record(m, e))) return;
      // Holds are per task: with several departments at work (a bundle) one hold may end while another runs.
      let next = HOLDS.has(e.type)
        ? statusWithHolds(c.status, await loadOpenHolds(m, c.id))
        : statusAfter(c.status, e.type, e.type === 'case.decided' ? e.data.outcome : undefined);
      if (next === 'DELIVERED' && !(await this.allHandedOver(m, c.id))) next = c.status;
      // The status change, if any, goes in the audit record's round trip.
      const moved = next !== c.status ? { sql: 'UPDATE intake_case SET status = $1, updated_at = now() WHERE id = $2', params: [next, c.id] } : undefined;
      await this.audit.record({ action: 'case.progress', subjectType: 'case', subjectId: c.id, reason: `event ${e.type} from ${e.source}`, details: { eventId: e.id, status: next } }, m, moved);
    });
  }

  private async allHandedOver(m: EntityManager, caseId: string): Promise<boolean> {
    const rows = await m.find(TimelineEntryEntity, {
      where: { caseId, eventType: In([EventTypes.DocumentIssued, EventTypes.DocumentHandedOver]) },
    });
    const nos = (type: string) =>
      rows.filter((r) => r.eventType === type).map((r) => String((r.details as { documentNo?: unknown }).documentNo));
    return everyResultHandedOver(nos(EventTypes.DocumentIssued), nos(EventTypes.DocumentHandedOver));
  }
}
