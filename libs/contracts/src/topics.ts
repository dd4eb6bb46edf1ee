/**
 * Kafka topic names. One topic per producing service and stream, versioned.
 * Never write a topic name as a string literal elsewhere: import it from here.
 */
export const Topics = {
  IntakeCaseEvents: 'intake.case-events.v1',
  /** Compacted: key = matter code, so the latest version of every matter stays readable forever. */
  IntakeCatalogEvents: 'intake.catalog-events.v1',
  RoutingCaseEvents: 'routing.case-events.v1',
  /** Compacted: key = matter (or bundle) code, so the latest routing rule set of every matter stays readable. */
  RoutingRuleEvents: 'routing.rule-events.v1',
  ApprovalTaskEvents: 'approval.task-events.v1',
  IssuanceDocumentEvents: 'issuance.document-events.v1',
  NotificationDeliveryEvents: 'notification.delivery-events.v1',
  SupervisionEvaluationEvents: 'supervision.evaluation-events.v1',
} as const;
export type Topic = (typeof Topics)[keyof typeof Topics];

/** Services, by the name used in CloudEvents `source`, consumer groups and dead-letter topics. */
export const ServiceNames = {
  Intake: 'intake',
  Routing: 'routing',
  DepartmentalApproval: 'departmental-approval',
  DocumentIssuance: 'document-issuance',
  Notification: 'notification',
  Supervision: 'supervision',
} as const;
export type ServiceName = (typeof ServiceNames)[keyof typeof ServiceNames];

/**
 * One dead-letter topic per consuming service: what a service could not process lands in its own
 * topic, so an operator replays it to that service alone.
 */
export const DeadLetterTopics: Record<ServiceName, string> = {
  intake: 'intake.dead-letter.v1',
  routing: 'routing.dead-letter.v1',
  'departmental-approval': 'departmental-approval.dead-letter.v1',
  'document-issuance': 'document-issuance.dead-letter.v1',
  notification: 'notification.dead-letter.v1',
  supervision: 'supervision.dead-letter.v1',
};

export interface TopicSpec {
  name: string;
  partitions: number;
  compacted: boolean;
}

const COMPACTED: ReadonlySet<string> = new Set([Topics.IntakeCatalogEvents, Topics.RoutingRuleEvents]);

/** Every topic the system needs, with its partition count. Partitions bound consumer parallelism. */
export const TOPIC_SPECS: readonly TopicSpec[] = [
  ...Object.values(Topics).map((name) => ({
    name,
    partitions: COMPACTED.has(name) ? 3 : 12,
    compacted: COMPACTED.has(name),
  })),
  ...Object.values(DeadLetterTopics).map((name) => ({ name, partitions: 3, compacted: false })),
];
