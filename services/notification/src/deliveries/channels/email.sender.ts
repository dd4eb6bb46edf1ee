import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG } from '@onewindow/platform';
import { createTransport, type Transporter } from 'nodemailer';
import type { NotificationConfig } from '../../config/notification.config';
import type { ChannelSender } from '../domain/channel';
import type { ClaimedDelivery } from '../domain/delivery';
import { WebhookHeaders } from '../domain/webhook-signature';

/** E-mail over SMTP with a small connection pool. */
@Injectable()
export class EmailSender implements ChannelSender, OnApplicationShutdown {
  readonly channel = 'EMAIL' as const;
  private readonly transport: Transporter;
  private readonly mailDomain: string;

  constructor(@Inject(CONFIG) private readonly config: NotificationConfig) {
    this.mailDomain = /@([^>\s]+)/.exec(config.MAIL_FROM)?.[1] ?? 'onewindow.local';
    this.transport = createTransport({
      url: config.SMTP_URL,
      pool: true,
      maxConnections: 3,
      connectionTimeout: config.SMTP_TIMEOUT_MS,
      greetingTimeout: config.SMTP_TIMEOUT_MS,
      socketTimeout: config.SMTP_TIMEOUT_MS,
    });
  }

  async send(d: ClaimedDelivery): Promise<void> {
    await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: d.recipient,
      subject: d.message.subject,
      text: d.message.text,
      // One Message-ID per delivery, the same on every attempt: sending is at-least-once (a crash
      // between the SMTP answer and recording DELIVERED sends again), and mail systems drop a
      // second copy of a Message-ID they already hold.
      messageId: `<${d.id}@${this.mailDomain}>`,
      headers: { [WebhookHeaders.eventId]: d.triggerEventId },
    });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
