import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeliveryChannel } from '../domain/delivery';

/** One message per milestone event and channel: the rendered text and the event it announces, shared by its deliveries. */
@Entity({ name: 'message' })
export class MessageEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'trigger_event_id', type: 'text' })
  triggerEventId!: string;

  @Column({ name: 'trigger_event_type', type: 'text' })
  triggerEventType!: string;

  @Column({ name: 'case_id', type: 'text' })
  caseId!: string;

  @Column({ name: 'correlation_id', type: 'text' })
  correlationId!: string;

  @Column({ name: 'template_id', type: 'text' })
  templateId!: string;

  /** NULL on messages made before texts were rendered per channel. */
  @Column({ type: 'text', nullable: true })
  channel!: DeliveryChannel | null;

  @Column({ type: 'text', nullable: true })
  locale!: string | null;

  /** The version of the (event type, channel, locale) template the text was rendered with. */
  @Column({ name: 'template_version', type: 'integer', nullable: true })
  templateVersion!: number | null;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  body!: string;

  /** The CloudEvent as received (envelope and data): what webhook subscribers get. */
  @Column({ type: 'jsonb' })
  event!: object;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
