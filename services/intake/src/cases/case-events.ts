import { Injectable } from '@nestjs/common';
import type { CaseSummary, CloudEvent, EventData, EventType } from '@onewindow/contracts';
import { type Cause, EventPublisher } from '@onewindow/platform';
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
