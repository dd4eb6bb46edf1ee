import { Inject, Injectable } from '@nestjs/common';
import { type AnyCloudEvent, type CaseSummary, type CloudEvent, EventTypes } from '@onewindow/contracts';
import { CONFIG, Inbox, LOGGER } from '@onewindow/platform';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { SupervisionConfig } from '../config/supervision.config';
import { ReferenceData } from '../reference/reference-data';
import { applicantKey } from './domain/applicant-key';
import { ReadModelRepository, type SummaryColumns } from './infrastructure/read-model.repository';

export type ReadModelEvent =
  | CloudEvent<typeof EventTypes.MatterPublished>
  | CloudEvent<typeof EventTypes.CaseReceived>
  | CloudEvent<typeof EventTypes.CaseAccepted>
  | CloudEvent<typeof EventTypes.CaseSupplementRequired>
  | CloudEvent<typeof EventTypes.CaseNotAccepted>
  | CloudEvent<typeof EventTypes.CaseWithdrawn>
  | CloudEvent<typeof EventTypes.CaseDecided>
  | CloudEvent<typeof EventTypes.TaskAssigned>
  | CloudEvent<typeof EventTypes.TaskDecided>
  | CloudEvent<typeof EventTypes.TaskTransferred>
  | CloudEvent<typeof EventTypes.TaskOverdue>
  | CloudEvent<typeof EventTypes.DocumentHandedOver>;

/** Applies one event to the read model, once (the inbox remembers it in the same transaction). */
@Injectable()
export class RecordEventUseCase {
  private readonly log: Logger;

  constructor(
    private readonly inbox: Inbox,
    private readonly facts: ReadModelRepository,
    private readonly reference: ReferenceData,
    @Inject(CONFIG) private readonly config: SupervisionConfig,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ usecase: 'record-event' });
  }

  async execute(event: ReadModelEvent): Promise<void> {
    const outcome = await this.inbox.handle(event as AnyCloudEvent, (tx) => this.apply(tx, event));
    this.log.debug({ type: event.type, subject: event.subject, outcome }, 'event recorded');
  }

  private summary(s: CaseSummary): SummaryColumns {
    return {
      cityCode: this.reference.cityOf(s.regionCode),
      applicantKey: applicantKey(s.applicant.kind, s.applicant.idNumber, this.config.EVALUATION_SECRET),
    };
  }

  private async apply(tx: EntityManager, e: ReadModelEvent): Promise<void> {
    switch (e.type) {
      case EventTypes.MatterPublished:
        return this.facts.upsertMatter(tx, e.data);
      case EventTypes.CaseReceived:
        return this.facts.caseReceived(tx, e.data, this.summary(e.data));
      case EventTypes.CaseAccepted:
        return this.facts.caseAccepted(tx, e.data, this.summary(e.data));
      case EventTypes.CaseSupplementRequired:
        return this.facts.caseSupplementRequired(tx, e.data.caseId);
      case EventTypes.CaseNotAccepted:
        return this.facts.caseClosedAtIntake(tx, e.data.caseId, 'not_accepted_at', e.data.decidedAt);
      case EventTypes.CaseWithdrawn:
        return this.facts.caseClosedAtIntake(tx, e.data.caseId, 'withdrawn_at', e.data.withdrawnAt);
      case EventTypes.CaseDecided:
        return this.facts.caseDecided(tx, e.data, this.summary(e.data));
      case EventTypes.TaskAssigned:
        return this.facts.taskAssigned(tx, e.data);
      case EventTypes.TaskDecided:
        return this.facts.taskDecided(tx, e.data);
      case EventTypes.TaskTransferred:
        return this.facts.taskTransferred(tx, e.data);
      case EventTypes.TaskOverdue:
        return this.facts.taskOverdue(tx, e.data);
      case EventTypes.DocumentHandedOver:
        return this.facts.documentHandedOver(tx, e.data);
    }
  }
}
