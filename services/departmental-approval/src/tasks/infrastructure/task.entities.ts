import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { DecisionOutcome, Pause, StoredTaskStatus, TaskMaterial } from '../domain/approval-task';
import type { DeadlineKind, WarningLevel } from '../domain/deadline-schedule';
import type { DeadlineWarningInfo, QueueEventKind, TaskSnapshot } from '../domain/task-snapshot';

/** One department's share of a case. Key = the task id planned by routing, so a redelivery cannot add one. */
@Entity('approval_task')
@Unique('approval_task_one_per_department_and_stage', ['caseId', 'departmentCode', 'stage'])
@Index('approval_task_queue_order', ['departmentCode', 'promisedDeadline', 'assignedAt', 'id'])
export class ApprovalTaskEntity {
  @PrimaryColumn({ type: 'char', length: 26 }) id!: string;
  @Column({ name: 'case_id', type: 'char', length: 26 }) caseId!: string;
  @Column({ name: 'case_no' }) caseNo!: string;
  @Column({ name: 'plan_id', type: 'char', length: 26 }) planId!: string;
  @Column({ name: 'department_code' }) departmentCode!: string;
  @Column({ type: 'int' }) stage!: number;
  @Column({ name: 'matter_code' }) matterCode!: string;
  @Column({ name: 'matter_version', type: 'int' }) matterVersion!: number;
  @Column({ name: 'matter_name' }) matterName!: string;
  @Column({ name: 'region_code', type: 'char', length: 6 }) regionCode!: string;
  @Column({ name: 'applicant_display_name' }) applicantDisplayName!: string;
  @Column({ type: 'jsonb' }) materials!: TaskMaterial[];
  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true }) acceptedAt!: Date | null;
  @Column({ name: 'routed_at', type: 'timestamptz' }) routedAt!: Date;
  @Column({ name: 'legal_limit_days', type: 'int' }) legalLimitDays!: number;
  @Column({ name: 'promised_limit_days', type: 'int' }) promisedLimitDays!: number;
  @Column({ name: 'promised_deadline', type: 'date' }) promisedDeadline!: string;
  @Column({ name: 'legal_deadline', type: 'date' }) legalDeadline!: string;
  @Column({ type: 'text' }) status!: StoredTaskStatus;
  @Column({ name: 'claimed_by', type: 'text', nullable: true }) claimedBy!: string | null;
  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true }) claimedAt!: Date | null;
  @Column({ name: 'lease_expires_at', type: 'timestamptz', nullable: true }) leaseExpiresAt!: Date | null;
  @Column({ type: 'text', nullable: true }) outcome!: DecisionOutcome | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'text', nullable: true }) opinion!: string | null;
  @Column({ name: 'pending_material_codes', type: 'text', array: true }) pendingMaterialCodes!: string[];
  @Column({ name: 'decided_by', type: 'text', nullable: true }) decidedBy!: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ name: 'decision_request_id', type: 'text', nullable: true }) decisionRequestId!: string | null;
  @Column({ name: 'decision_request_digest', type: 'text', nullable: true }) decisionRequestDigest!:
    string | null;
  @Column({ name: 'pause_kind', type: 'text', nullable: true }) pauseKind!: Pause['kind'] | null;
  @Column({ name: 'paused_by', type: 'text', nullable: true }) pausedBy!: string | null;
  @Column({ name: 'paused_since', type: 'timestamptz', nullable: true }) pausedSince!: Date | null;
  @Column({ name: 'pause_reason', type: 'text', nullable: true }) pauseReason!: string | null;
  @Column({ name: 'paused_working_days', type: 'int' }) pausedWorkingDays!: number;
  @Column({ name: 'transferred_to', type: 'text', nullable: true }) transferredTo!: string | null;
  @Column({ name: 'transferred_task_id', type: 'char', length: 26, nullable: true }) transferredTaskId!:
    string | null;
  @Column({ type: 'int' }) version!: number;
  @Column({ name: 'assigned_at', type: 'timestamptz' }) assignedAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/**
 * A department's durable queue-event log: what WatchQueue replays and streams, and each task's
 * history. `id` is the resume cursor; ids of one department are in commit order (see QueueEventLog).
 */
@Entity('queue_event')
@Index('queue_event_department', ['departmentCode', 'id'])
@Index('queue_event_task', ['taskId', 'id'])
@Unique('queue_event_event_id', ['eventId'])
export class QueueEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'department_code' }) departmentCode!: string;
  @Column({ name: 'task_id', type: 'char', length: 26 }) taskId!: string;
  @Column({ name: 'event_id' }) eventId!: string;
  @Column({ name: 'event_type' }) eventType!: string;
  @Column({ type: 'text' }) kind!: QueueEventKind;
  @Column() actor!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'jsonb' }) task!: TaskSnapshot;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ name: 'deadline_warning', type: 'jsonb', nullable: true })
  deadlineWarning!: DeadlineWarningInfo | null;
}

/** One scheduled deadline warning of a task; sent once (sent_at). */
@Entity('deadline_warning')
export class DeadlineWarningEntity {
  @PrimaryColumn({ name: 'task_id', type: 'char', length: 26 }) taskId!: string;
  @PrimaryColumn({ type: 'text' }) level!: WarningLevel;
  @Column({ name: 'deadline_kind', type: 'text' }) deadlineKind!: DeadlineKind;
  @Column({ type: 'date' }) deadline!: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
}

/** Requests already carried out, by request id: a repeat answers with the queue event it produced. */
@Entity('task_request')
export class TaskRequestEntity {
  @PrimaryColumn({ name: 'task_id', type: 'char', length: 26 }) taskId!: string;
  @PrimaryColumn({ name: 'request_id' }) requestId!: string;
  @Column() rpc!: string;
  @Column() digest!: string;
  /** The queue event the request produced (its outcome). */
  @Column({ name: 'queue_event_id', type: 'bigint' }) queueEventId!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
