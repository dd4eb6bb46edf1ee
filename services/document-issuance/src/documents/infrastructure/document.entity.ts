import { Column, Entity, Index, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { DocumentKind, DocumentStatus, HolderKind } from '../domain/result-document';
import { HandoverEntity } from './handover.entity';

// One result per matter of a case: a bundle case (一件事) has one per matter.
@Entity({ name: 'document' })
@Index('document_case_matter', ['caseId', 'matterCode'], { unique: true })
export class DocumentEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'document_no', type: 'text', unique: true })
  documentNo!: string;

  @Column({ name: 'case_id', type: 'text' })
  caseId!: string;

  @Column({ name: 'case_no', type: 'text' })
  caseNo!: string;

  @Column({ name: 'decided_event_id', type: 'text' })
  decidedEventId!: string;

  @Column({ type: 'text' })
  kind!: DocumentKind;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'matter_code', type: 'text' })
  matterCode!: string;

  @Column({ name: 'matter_version', type: 'integer' })
  matterVersion!: number;

  @Column({ name: 'department_code', type: 'text' })
  departmentCode!: string;

  @Column({ name: 'department_name', type: 'text' })
  departmentName!: string;

  @Column({ name: 'holder_kind', type: 'text' })
  holderKind!: HolderKind;

  @Column({ name: 'holder_name', type: 'text' })
  holderName!: string;

  @Column({ name: 'holder_id_number', type: 'text' })
  holderIdNumber!: string;

  @Column({ type: 'jsonb', default: () => `'[]'::jsonb` })
  reasons!: string[];

  @Column({ type: 'text' })
  status!: DocumentStatus;

  @Column({ name: 'verification_code', type: 'text', unique: true })
  verificationCode!: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  /** `date` columns come back from pg as 'YYYY-MM-DD' strings. */
  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil!: string | null;

  @Column({ name: 'signature_algorithm', type: 'text', nullable: true })
  signatureAlgorithm!: 'Ed25519' | null;

  @Column({ name: 'signature_kid', type: 'text', nullable: true })
  signatureKid!: string | null;

  @Column({ name: 'signature', type: 'text', nullable: true })
  signature!: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revocation_reason', type: 'text', nullable: true })
  revocationReason!: string | null;

  @Column({ name: 'revoked_by', type: 'text', nullable: true })
  revokedBy!: string | null;

  /** Region of the case; null only when the case number did not tell it (documents from before #9). */
  @Column({ name: 'region_code', type: 'text', nullable: true })
  regionCode!: string | null;

  /** Service centre that registered the case; null for online cases and documents from before #9. */
  @Column({ name: 'service_centre', type: 'text', nullable: true })
  serviceCentre!: string | null;

  @Column({ name: 'uncollected_flagged_at', type: 'timestamptz', nullable: true })
  uncollectedFlaggedAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @OneToOne(() => HandoverEntity, (h) => h.document)
  handover?: Relation<HandoverEntity> | null;
}
