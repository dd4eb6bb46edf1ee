import { Injectable } from '@nestjs/common';
import type { CaseSummary, CloudEvent, EventData, EventType } from '@onewindow/contracts';
import { type Cause, EventPublisher, type SqlStatement } from '@onewindow/platform';
import type { EntityManager } from 'typeorm';
import { TimelineRecorder } from '../timeline/timeline.recorder';
import type { CaseEntity } from './infrastructure/case.entities';

/** Every transition of a case is an event in the outbox and an entry on its timeline, in the same transaction. */
@Injectable()
export class CaseEvents {
  constructor(
    private readonly events: EventPublisher,
    private readonly timeline: TimelineRecorder,
  ) {}

  summary(c: CaseEntity): CaseSummary {
    return {
      caseId: c.id,
      caseNo: c.caseNo,
      matterCode: c.matterCode,
      matterVersion: c.matterVersion,
      matterName: c.matterName,
      regionCode: c.regionCode,
      ...(c.serviceCentre ? { serviceCentre: c.serviceCentre } : {}),
      channel: c.channel,
      applicant: c.applicant,
      ...(c.bundle ? { bundle: c.bundle } : {}),
    };
  }

  async publish<T extends EventType>(
    m: EntityManager,
    type: T,
    c: CaseEntity,
    data: EventData<T>,
    cause?: Cause,
  ): Promise<CloudEvent<T>> {
    const event = await this.events.publish(m, type, c.id, data, cause);
    await this.timeline.recordPublished(m, event as CloudEvent<EventType>);
    return event;
  }

  /**
   * A new case: its row (`insertCase`, the caller's INSERT) and its first events, on the outbox and
   * the timeline, in one round trip. The events are built in order with `first`.
   */
  async publishFirst(m: EntityManager, events: ReadonlyArray<CloudEvent<EventType>>, insertCase: SqlStatement): Promise<void> {
    await this.events.publishFirst(m, events, [insertCase, this.timeline.publishedRows(events)]);
  }

  /** The n-th (from 1) of a new case's first events, for `publishFirst`. */
  first<T extends EventType>(n: number, type: T, c: CaseEntity, data: EventData<T>, cause?: Cause): CloudEvent<T> {
    return this.events.prepare(type, c.id, data, cause, n);
  }

  /** 受理: the clocks start now; the promised date counts working days from today. */
  accepted(c: CaseEntity, departmentCode: string): EventData<'case.accepted'> {
    return {
      ...this.summary(c),
      acceptedAt: (c.acceptedAt ?? new Date()).toISOString(),
      departmentCode,
      materials: c.materials,
      legalLimitDays: c.legalLimitDays,
      promisedLimitDays: c.promisedLimitDays,
      promisedDate: c.promisedDate ?? '',
      ...(c.agent ? { agent: c.agent } : {}),
    };
  }
}
