import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A stage of a plan: its tasks run in parallel; stages run one after the other. */
@Entity({ name: 'plan_stage' })
export class PlanStageEntity {
  @PrimaryColumn({ name: 'plan_id', type: 'text' })
  planId!: string;

  @PrimaryColumn({ type: 'integer' })
  stage!: number;

  @Column({ name: 'completion_rule', type: 'text' })
  completionRule!: 'ALL' | 'ANY';

  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt!: Date | null;
}
