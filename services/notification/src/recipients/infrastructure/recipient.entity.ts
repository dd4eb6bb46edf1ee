import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'recipient' })
export class RecipientEntity {
  @PrimaryColumn({ name: 'case_id', type: 'text' })
  caseId!: string;

  @Column({ name: 'case_no', type: 'text' })
  caseNo!: string;

  @Column({ name: 'matter_name', type: 'text' })
  matterName!: string;

  @Column({ name: 'applicant_name', type: 'text' })
  applicantName!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  /** The applicant's language (zh-CN or en) when their contact names one. */
  @Column({ type: 'text', nullable: true })
  locale!: string | null;

  @Column({ name: 'source_event_id', type: 'text' })
  sourceEventId!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
