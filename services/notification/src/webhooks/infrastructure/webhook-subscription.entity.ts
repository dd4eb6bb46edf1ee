import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An integrator's subscription: which event types to POST to which URL, signed with its own secret. */
@Entity({ name: 'webhook_subscription' })
export class WebhookSubscriptionEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) url!: string;
  @Column({ name: 'event_types', type: 'text', array: true }) eventTypes!: string[];
  /** HMAC key of the signatures; shown once, at creation. */
  @Column({ type: 'text', select: false }) secret!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
}
