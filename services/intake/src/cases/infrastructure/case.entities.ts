import type { Applicant, CaseBundle, Channel, MaterialStatus } from '@onewindow/contracts';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { AGENT_SECRETS, APPLICANT_SECRETS, encryptedFields } from './personal-data';
import type { CaseStatus } from '../domain/case-status';
import type { SupplementNotice } from '../domain/supplement-notice';

/** How a case left the window without a decision: refused (不予受理) or withdrawn (撤回). */
export interface CaseClosure {
  kind: 'NOT_ACCEPTED' | 'WITHDRAWN';
  reason: string;
  legalBasis?: string;
  at: string;
  clerkId?: string;
}

@Entity('intake_case')
export class CaseEntity {
  @PrimaryColumn({ type: 'char', length: 26 }) id!: string;
  @Index({ unique: true }) @Column({ name: 'case_no' }) caseNo!: string;
  @Column({ name: 'matter_code' }) matterCode!: string;
  @Column({ name: 'matter_version', type: 'int' }) matterVersion!: number;
  @Column({ name: 'matter_name' }) matterName!: string;
  @Column({ name: 'department_code' }) departmentCode!: string;
  /** 一件事: the bundle and the versions of its matters the case was filed under; matter_* name the bundle then. */
  @Column({ type: 'jsonb', nullable: true }) bundle!: CaseBundle | null;
  @Column({ name: 'region_code', type: 'char', length: 6 }) regionCode!: string;
  @Column({ type: 'text' }) channel!: Channel;
  /** Id number and contact details encrypted per field (AES-256-GCM); the rest is readable. */
  @Column({ type: 'jsonb', transformer: encryptedFields(APPLICANT_SECRETS) }) applicant!: Applicant;
  /** Keyed HMAC (blind index) of the applicant's id number: exact search without readable ids. */
  @Column({ name: 'applicant_key' }) applicantKey!: string;
  @Column({ type: 'jsonb', nullable: true, transformer: encryptedFields(AGENT_SECRETS) }) agent!: { name: string; idNumber: string; authorisationRef: string } | null;
  @Column({ type: 'jsonb' }) materials!: MaterialStatus[];
  @Column({ type: 'text' }) status!: CaseStatus;
  @Column({ name: 'clerk_id', type: 'text', nullable: true }) clerkId!: string | null;
  /** The service centre that registered the case: clerks reach only their own centre's cases. */
  @Column({ name: 'service_centre', type: 'text', nullable: true }) serviceCentre!: string | null;
  @Column({ name: 'legal_limit_days', type: 'int' }) legalLimitDays!: number;
  @Column({ name: 'promised_limit_days', type: 'int' }) promisedLimitDays!: number;
  /** Set at acceptance: a case waiting for a supplement has no clock running yet. */
  @Column({ name: 'promised_date', type: 'date', nullable: true }) promisedDate!: string | null;
  @Column({ name: 'supplement_notice', type: 'jsonb', nullable: true }) supplementNotice!: SupplementNotice | null;
  @Column({ type: 'jsonb', nullable: true }) closure!: CaseClosure | null;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true }) acceptedAt!: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** The case timeline: every event about the case, in the order it happened. */
@Entity('case_timeline')
export class TimelineEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) position!: string;
  @Index() @Column({ name: 'case_id', type: 'char', length: 26 }) caseId!: string;
  @Index({ unique: true }) @Column({ name: 'event_id' }) eventId!: string;
  @Column({ name: 'event_type' }) eventType!: string;
  @Column() source!: string;
  @Column({ type: 'int' }) sequence!: number;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ type: 'jsonb' }) details!: Record<string, unknown>;
}

/** One stored answer per Idempotency-Key and operation: a retried POST gets the first answer back. */
@Entity('idempotency_key')
export class IdempotencyKeyEntity {
  @PrimaryColumn() scope!: string;
  @PrimaryColumn() key!: string;
  @Column({ name: 'request_hash' }) requestHash!: string;
  @Column({ name: 'response_status', type: 'int' }) responseStatus!: number;
  @Column({ name: 'response_body', type: 'jsonb' }) responseBody!: unknown;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
