import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { CollectorRole, HandoverMethod } from '../domain/result-document';
import { DocumentEntity } from './document.entity';

/** One row per document at most (the primary key): a second handover cannot be recorded even by a race. */
@Entity({ name: 'handover' })
export class HandoverEntity {
  @PrimaryColumn({ name: 'document_id', type: 'text' })
  documentId!: string;

  @OneToOne(() => DocumentEntity, (d) => d.handover)
  @JoinColumn({ name: 'document_id' })
  document?: Relation<DocumentEntity>;

  @Column({ type: 'text' })
  method!: HandoverMethod;

  @Column({ name: 'clerk_id', type: 'text' })
  clerkId!: string;

  @Column({ name: 'collector_name', type: 'text' })
  collectorName!: string;

  @Column({ name: 'collector_id_number', type: 'text' })
  collectorIdNumber!: string;

  @Column({ name: 'collector_role', type: 'text' })
  collectorRole!: CollectorRole;

  @Column({ name: 'authorisation_ref', type: 'text', nullable: true })
  authorisationRef!: string | null;

  @Column({ name: 'handed_over_at', type: 'timestamptz' })
  handedOverAt!: Date;

  @Column({ name: 'courier_company', type: 'text', nullable: true })
  courierCompany!: string | null;

  @Column({ name: 'tracking_no', type: 'text', nullable: true })
  trackingNo!: string | null;

  @Column({ name: 'delivery_address', type: 'text', nullable: true })
  deliveryAddress!: string | null;

  @Column({ name: 'electronic_token', type: 'text', nullable: true, unique: true })
  electronicToken!: string | null;
}
