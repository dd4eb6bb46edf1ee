import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeliveryChannel } from '../../deliveries/domain/delivery';

/** One published version of the text for an event type, channel and locale; never changed afterwards. */
@Entity({ name: 'message_template' })
export class MessageTemplateEntity {
  @PrimaryColumn({ name: 'event_type', type: 'text' }) eventType!: string;
  @PrimaryColumn({ type: 'text' }) channel!: DeliveryChannel;
  @PrimaryColumn({ type: 'text' }) locale!: string;
  @PrimaryColumn({ type: 'integer' }) version!: number;
  @Column({ type: 'text' }) subject!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ name: 'published_at', type: 'timestamptz', default: () => 'now()' }) publishedAt!: Date;
}
