import type { CaseSummary, MaterialStatus } from '@onewindow/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'dispatch_plan' })
export class DispatchPlanEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  /** Unique: one plan per case, whatever is replayed. */
  @Column({ name: 'case_id', type: 'text' })
  caseId!: string;

  @Column({ name: 'case_no', type: 'text' })
  caseNo!: string;

  @Column({ name: 'matter_code', type: 'text' })
  matterCode!: string;

  /** The catalogue version the plan was made from (the case's own, or its successor when that one was compacted away). */
  @Column({ name: 'matter_version', type: 'integer' })
  matterVersion!: number;

  @Column({ name: 'lead_department_code', type: 'text' })
  leadDepartmentCode!: string;

  @Column({ type: 'text' })
  status!: 'IN_PROGRESS' | 'PAUSED' | 'SUSPENDED' | 'DECIDED' | 'WITHDRAWN';

  /** MATTER: routed by the matter's rule; BUNDLE: a 一件事, each member matter routed by its own rule. */
  @Column({ type: 'text' })
  kind!: 'MATTER' | 'BUNDLE';

  /** The rule set version of each matter code the plan was made from. */
  @Column({ name: 'rule_versions', type: 'jsonb' })
  ruleVersions!: Record<string, number>;

  /** What later stages' tasks need when they open (null for plans routed before stages existed). */
  @Column({ type: 'jsonb', nullable: true })
  assignment!: PlanAssignment | null;

  @Column({ type: 'text', nullable: true })
  outcome!: 'APPROVED' | 'DENIED' | null;

  /** What `case.decided` repeats about the case, as `case.accepted` gave it. */
  @Column({ name: 'case_summary', type: 'jsonb' })
  caseSummary!: CaseSummary;

  @Column({ name: 'routed_event_id', type: 'text', nullable: true })
  routedEventId!: string | null;

  @Column({ name: 'decided_event_id', type: 'text', nullable: true })
  decidedEventId!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

export interface PlanAssignment {
  materials: MaterialStatus[];
  legalLimitDays: number;
  promisedLimitDays: number;
  acceptedAt: string;
}
