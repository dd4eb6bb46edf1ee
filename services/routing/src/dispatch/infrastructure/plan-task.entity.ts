import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TaskState } from '../domain/plan-verdict';

/** One department's share of a case and, once it decided, its outcome. */
@Entity({ name: 'plan_task' })
export class PlanTaskEntity {
  @PrimaryColumn({ name: 'task_id', type: 'text' })
  taskId!: string;

  @Column({ name: 'plan_id', type: 'text' })
  planId!: string;

  @Column({ type: 'integer' })
  stage!: number;

  /** Order within the plan; the lead department comes first. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ name: 'department_code', type: 'text' })
  departmentCode!: string;

  @Column({ type: 'text' })
  status!: TaskState;

  @Column({ name: 'hold_reason', type: 'text', nullable: true })
  holdReason!: string | null;

  @Column({ name: 'hold_since', type: 'timestamptz', nullable: true })
  holdSince!: Date | null;

  /** 转办: the task that replaced this one. */
  @Column({ name: 'transferred_to', type: 'text', nullable: true })
  transferredTo!: string | null;

  /** The task this one replaced by a transfer. */
  @Column({ type: 'text', nullable: true })
  replaces!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'text', nullable: true })
  opinion!: string | null;

  @Column({ name: 'officer_id', type: 'text', nullable: true })
  officerId!: string | null;

  @Column({ name: 'documents_pending', type: 'boolean', nullable: true })
  documentsPending!: boolean | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /** The `task.decided` event the outcome came from. */
  @Column({ name: 'decision_event_id', type: 'text', nullable: true })
  decisionEventId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
