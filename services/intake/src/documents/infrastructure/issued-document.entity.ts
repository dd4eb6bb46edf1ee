import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read model of `document.issued`: what the government already issued to whom (by the holder's keyed blind index, never the id number). */
@Entity('issued_document')
export class IssuedDocumentEntity {
  @PrimaryColumn({ name: 'document_no' }) documentNo!: string;
  @Column({ name: 'holder_key' }) holderKey!: string;
  @Column({ name: 'matter_code' }) matterCode!: string;
  @Column() kind!: string;
  @Column() title!: string;
  @Column({ name: 'case_id', type: 'char', length: 26 }) caseId!: string;
  @Column({ name: 'issued_at', type: 'timestamptz' }) issuedAt!: Date;
  @Column({ name: 'valid_until', type: 'date', nullable: true }) validUntil!: string | null;
  /** Set by `document.revoked`: the document no longer stands in for a material. */
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ name: 'revoke_reason', type: 'text', nullable: true }) revokeReason!: string | null;
}
