import type { TSchema } from '@sinclair/typebox';
import {
  TaskAssigned,
  TaskClaimed,
  TaskDeadlineWarned,
  TaskDecided,
  TaskOpinionAdded,
  TaskOverdue,
  TaskReleased,
  TaskResumed,
  TaskSupplemented,
  TaskSupplementRequested,
  TaskSuspended,
  TaskTransferred,
  TaskCancelled,
} from './events/approval.events';
import {
  BundlePublished,
  CaseAccepted,
  CaseNotAccepted,
  CaseReceived,
  CaseSupplemented,
  CaseSupplementRequired,
  CaseWithdrawn,
  MatterPublished,
} from './events/intake.events';
import { DocumentHandedOver, DocumentIssued, DocumentRevoked } from './events/issuance.events';
import { NotificationDelivered, NotificationFailed } from './events/notification.events';
import { CaseDecided, CaseRouted, CaseUnroutable, PlanStageOpened, RoutingRulePublished } from './events/routing.events';
import {
  EvaluationSubmitted,
  RectificationClosed,
  RectificationFollowedUp,
  RectificationOpened,
  RectificationResponded,
} from './events/supervision.events';
import { type ServiceName, ServiceNames, type Topic, Topics } from './topics';

interface CatalogEntry {
  /** Every message on our topics is an event (a fact that happened), never a command. */
  kind: 'event';
  topic: Topic;
  producer: ServiceName;
  schema: TSchema;
  /** What `subject` (and the Kafka key) holds. */
  subject: 'case id' | 'matter code' | 'bundle code' | 'matter or bundle code';
  description: string;
}

function entry<S extends TSchema>(
  topic: Topic,
  producer: ServiceName,
  schema: S,
  description: string,
  subject: CatalogEntry['subject'] = 'case id',
): CatalogEntry & { schema: S } {
  return { kind: 'event', topic, producer, schema, subject, description };
}

/** The single source for event types: topic, producer, JSON Schema. The AsyncAPI document is generated from it. */
export const EVENT_CATALOG = {
  'case.received': entry(Topics.IntakeCaseEvents, ServiceNames.Intake, CaseReceived, 'A case was registered at a window or online.'),
  'case.accepted': entry(Topics.IntakeCaseEvents, ServiceNames.Intake, CaseAccepted, 'The case was accepted (受理); the clocks start.'),
  'case.not-accepted': entry(Topics.IntakeCaseEvents, ServiceNames.Intake, CaseNotAccepted, 'The case was refused (不予受理) with a legal reason.'),
  'case.supplement-required': entry(Topics.IntakeCaseEvents, ServiceNames.Intake, CaseSupplementRequired, 'A one-time notice (一次性告知) listed every missing material.'),
  'case.supplemented': entry(Topics.IntakeCaseEvents, ServiceNames.Intake, CaseSupplemented, 'The applicant supplied what was missing (补正).'),
  'case.withdrawn': entry(Topics.IntakeCaseEvents, ServiceNames.Intake, CaseWithdrawn, 'The applicant withdrew the case before a decision.'),
  'catalog.matter-published': entry(Topics.IntakeCatalogEvents, ServiceNames.Intake, MatterPublished, 'A version of a matter (事项) was published.', 'matter code'),
  'catalog.bundle-published': entry(Topics.IntakeCatalogEvents, ServiceNames.Intake, BundlePublished, 'A version of a bundle (一件事) was published.', 'bundle code'),
  'case.routed': entry(Topics.RoutingCaseEvents, ServiceNames.Routing, CaseRouted, 'The case was split into department tasks.'),
  'case.decided': entry(Topics.RoutingCaseEvents, ServiceNames.Routing, CaseDecided, 'All department outcomes were aggregated into one decision.'),
  'plan.stage-opened': entry(Topics.RoutingCaseEvents, ServiceNames.Routing, PlanStageOpened, 'The stages before were approved: the next stage’s tasks go to their departments.'),
  'case.unroutable': entry(Topics.RoutingCaseEvents, ServiceNames.Routing, CaseUnroutable, 'No routing rule covers the accepted case: it waits in the operators’ unroutable queue (alert).'),
  'routing.rule-published': entry(Topics.RoutingRuleEvents, ServiceNames.Routing, RoutingRulePublished, 'A new version of a matter’s routing rules was published.', 'matter or bundle code'),
  'task.assigned': entry(Topics.ApprovalTaskEvents, ServiceNames.DepartmentalApproval, TaskAssigned, "A task entered a department's queue."),
  'task.claimed': entry(Topics.ApprovalTaskEvents, ServiceNames.DepartmentalApproval, TaskClaimed, 'An officer claimed a task with a lease.'),
  'task.decided': entry(Topics.ApprovalTaskEvents, ServiceNames.DepartmentalApproval, TaskDecided, 'A department decided its task.'),
  'task.released': entry(Topics.ApprovalTaskEvents, ServiceNames.DepartmentalApproval, TaskReleased, 'A claim ended without a decision (released, or its lease ran out).'),
  'task.opinion-added': entry(Topics.ApprovalTaskEvents, ServiceNames.DepartmentalApproval, TaskOpinionAdded, 'A review opinion (审查意见) was recorded on a task.'),
  'task.supplement-requested': entry(Topics.ApprovalTaskEvents, ServiceNames.DepartmentalApproval, TaskSupplementRequested, 'A department asked for a supplement (补正); the clocks stop.'),
  'task.supplemented': entry(Topics.ApprovalTaskEvents, ServiceNames.DepartmentalApproval, TaskSupplemented, 'The supplement reached the task; the clocks run again.'),
  'task.suspended': entry(Topics.ApprovalTaskEvents, ServiceNames.DepartmentalApproval, TaskSuspended, 'A special procedure (特别程序) began; the clocks stop.'),
  'task.resumed': entry(Topics.ApprovalTaskEvents, ServiceNames.DepartmentalApproval, TaskResumed, 'The special procedure ended; the clocks run again.'),
  'task.transferred': entry(Topics.ApprovalTaskEvents, ServiceNames.DepartmentalApproval, TaskTransferred, 'A task was transferred (转办) to another department.'),
  'task.deadline-warned': entry(Topics.ApprovalTaskEvents, ServiceNames.DepartmentalApproval, TaskDeadlineWarned, 'Yellow warning: the promised deadline of an open task is near.'),
  'task.overdue': entry(Topics.ApprovalTaskEvents, ServiceNames.DepartmentalApproval, TaskOverdue, 'An open task passed its promised deadline (red) or its legal one (督办).'),
  'task.cancelled': entry(Topics.ApprovalTaskEvents, ServiceNames.DepartmentalApproval, TaskCancelled, 'An open task was closed without a decision: the case was decided elsewhere or withdrawn.'),
  'document.issued': entry(Topics.IssuanceDocumentEvents, ServiceNames.DocumentIssuance, DocumentIssued, 'A result document was issued and is ready for handover.'),
  'document.handed-over': entry(Topics.IssuanceDocumentEvents, ServiceNames.DocumentIssuance, DocumentHandedOver, 'The result was handed over (出件/送达).'),
  'document.revoked': entry(Topics.IssuanceDocumentEvents, ServiceNames.DocumentIssuance, DocumentRevoked, 'A document was revoked (撤销) with a reason; verification says so.'),
  'notification.delivered': entry(Topics.NotificationDeliveryEvents, ServiceNames.Notification, NotificationDelivered, 'A message reached its channel.'),
  'notification.failed': entry(Topics.NotificationDeliveryEvents, ServiceNames.Notification, NotificationFailed, 'A message could not be delivered after its retries.'),
  'evaluation.submitted': entry(Topics.SupervisionEvaluationEvents, ServiceNames.Supervision, EvaluationSubmitted, 'The applicant rated a delivered case (好差评).'),
  'rectification.opened': entry(Topics.SupervisionEvaluationEvents, ServiceNames.Supervision, RectificationOpened, 'A poor rating opened a rectification (整改) for the department, due in 15 working days.'),
  'rectification.responded': entry(Topics.SupervisionEvaluationEvents, ServiceNames.Supervision, RectificationResponded, 'The department answered its rectification.'),
  'rectification.followed-up': entry(Topics.SupervisionEvaluationEvents, ServiceNames.Supervision, RectificationFollowedUp, 'The supervisor followed the answer up with the applicant (回访).'),
  'rectification.closed': entry(Topics.SupervisionEvaluationEvents, ServiceNames.Supervision, RectificationClosed, 'The rectification was closed.'),
} as const;

/** The typed event map: `publish()` and handlers are checked against it at compile time. */
export interface EventMap {
  'case.received': CaseReceived;
  'case.accepted': CaseAccepted;
  'case.not-accepted': CaseNotAccepted;
  'case.supplement-required': CaseSupplementRequired;
  'case.supplemented': CaseSupplemented;
  'case.withdrawn': CaseWithdrawn;
  'catalog.matter-published': MatterPublished;
  'catalog.bundle-published': BundlePublished;
  'case.routed': CaseRouted;
  'case.decided': CaseDecided;
  'plan.stage-opened': PlanStageOpened;
  'case.unroutable': CaseUnroutable;
  'routing.rule-published': RoutingRulePublished;
  'task.assigned': TaskAssigned;
  'task.claimed': TaskClaimed;
  'task.decided': TaskDecided;
  'task.released': TaskReleased;
  'task.opinion-added': TaskOpinionAdded;
  'task.supplement-requested': TaskSupplementRequested;
  'task.supplemented': TaskSupplemented;
  'task.suspended': TaskSuspended;
  'task.resumed': TaskResumed;
  'task.transferred': TaskTransferred;
  'task.deadline-warned': TaskDeadlineWarned;
  'task.overdue': TaskOverdue;
  'task.cancelled': TaskCancelled;
  'document.issued': DocumentIssued;
  'document.handed-over': DocumentHandedOver;
  'document.revoked': DocumentRevoked;
  'notification.delivered': NotificationDelivered;
  'notification.failed': NotificationFailed;
  'evaluation.submitted': EvaluationSubmitted;
  'rectification.opened': RectificationOpened;
  'rectification.responded': RectificationResponded;
  'rectification.followed-up': RectificationFollowedUp;
  'rectification.closed': RectificationClosed;
}

export type EventType = keyof typeof EVENT_CATALOG & keyof EventMap;
export type EventData<T extends EventType> = EventMap[T];

/** Event type names as constants, so code never spells them as literals. */
export const EventTypes = {
  CaseReceived: 'case.received',
  CaseAccepted: 'case.accepted',
  CaseNotAccepted: 'case.not-accepted',
  CaseSupplementRequired: 'case.supplement-required',
  CaseSupplemented: 'case.supplemented',
  CaseWithdrawn: 'case.withdrawn',
  MatterPublished: 'catalog.matter-published',
  BundlePublished: 'catalog.bundle-published',
  CaseRouted: 'case.routed',
  CaseDecided: 'case.decided',
  PlanStageOpened: 'plan.stage-opened',
  CaseUnroutable: 'case.unroutable',
  RoutingRulePublished: 'routing.rule-published',
  TaskAssigned: 'task.assigned',
  TaskClaimed: 'task.claimed',
  TaskDecided: 'task.decided',
  TaskReleased: 'task.released',
  TaskOpinionAdded: 'task.opinion-added',
  TaskSupplementRequested: 'task.supplement-requested',
  TaskSupplemented: 'task.supplemented',
  TaskSuspended: 'task.suspended',
  TaskResumed: 'task.resumed',
  TaskTransferred: 'task.transferred',
  TaskDeadlineWarned: 'task.deadline-warned',
  TaskOverdue: 'task.overdue',
  TaskCancelled: 'task.cancelled',
  DocumentIssued: 'document.issued',
  DocumentHandedOver: 'document.handed-over',
  DocumentRevoked: 'document.revoked',
  NotificationDelivered: 'notification.delivered',
  NotificationFailed: 'notification.failed',
  EvaluationSubmitted: 'evaluation.submitted',
  RectificationOpened: 'rectification.opened',
  RectificationResponded: 'rectification.responded',
  RectificationFollowedUp: 'rectification.followed-up',
  RectificationClosed: 'rectification.closed',
} as const satisfies Record<string, EventType>;

export function isEventType(value: string): value is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_CATALOG, value);
}

export function topicOf(type: EventType): Topic {
  return EVENT_CATALOG[type].topic;
}
