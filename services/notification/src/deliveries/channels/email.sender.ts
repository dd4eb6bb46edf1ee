import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG } from '@onewindow/platform';
import { createTransport, type Transporter } from 'nodemailer';
import type { NotificationConfig } from '../../config/notification.config';
import type { ChannelSender } from '../domain/channel';
import type { ClaimedDelivery } from '../domain/delivery';
import { WebhookHeaders } from '../domain/webhook-signature';

/** The domain of the sender address (`Name <a@b>` or `a@b`), for Message-IDs. */
function mailDomain(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'onewindow.invalid';
}

/** E-mail over SMTP with a small connection pool. */
@Injectable()
export class EmailSender implements ChannelSender, OnApplicationShutdown {
  readonly channel = 'EMAIL' as const;
  private readonly transport: Transporter;

  constructor(@Inject(CONFIG) private readonly config: NotificationConfig) {
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
      // SMTP has no idempotency: an instance that dies after the server's 250 but before recording it
      // lets the lease hand the delivery out again. A Message-ID fixed per delivery makes the resend
      // the same message, which mail systems keep once.
      messageId: `<${d.id}.delivery@${mailDomain(this.config.MAIL_FROM)}>`,
      from: this.config.MAIL_FROM,
      to: d.recipient,
      subject: d.message.subject,
      text: d.message.text,
      headers: { [WebhookHeaders.eventId]: d.triggerEventId },
    });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
