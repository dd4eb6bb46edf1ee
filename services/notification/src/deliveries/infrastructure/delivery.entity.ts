import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeliveryChannel, DeliveryStatus } from '../domain/delivery';

@Entity({ name: 'delivery' })
export class DeliveryEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'message_id', type: 'text' })
  messageId!: string;

  @Column({ name: 'trigger_event_id', type: 'text' })
  triggerEventId!: string;

  @Column({ name: 'trigger_event_type', type: 'text' })
  triggerEventType!: string;

  @Column({ name: 'case_id', type: 'text' })
  caseId!: string;

  @Column({ type: 'text' })
  channel!: DeliveryChannel;

  /** Full address or URL, needed to send; the API and the events show only recipient_masked. */
  @Column({ type: 'text' })
  recipient!: string;

  @Column({ name: 'recipient_masked', type: 'text' })
  recipientMasked!: string;

  @Column({ type: 'text' })
  status!: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'claim_token', type: 'uuid', nullable: true })
  claimToken!: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt!: Date | null;

  /** The channel's own id of the message (SMS gateway), which its receipts quote. */
  @Column({ name: 'provider_message_id', type: 'text', nullable: true })
  providerMessageId!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** When the channel's receipt says the message arrived or failed. */
  @Column({ name: 'receipt_at', type: 'timestamptz', nullable: true })
  receiptAt!: Date | null;

  /** The webhook subscription a WEBHOOK delivery is for (NULL: a WEBHOOK_URLS subscriber or another channel). */
  @Column({ name: 'subscription_id', type: 'text', nullable: true })
  subscriptionId!: string | null;

  /** How often an operator replayed this delivery after it failed. */
  @Column({ type: 'integer', default: 0 })
  replays!: number;
}
