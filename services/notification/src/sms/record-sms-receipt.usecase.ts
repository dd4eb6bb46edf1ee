import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { EventTypes } from '@onewindow/contracts';
import { CONFIG, EventPublisher, LOGGER, ProblemException } from '@onewindow/platform';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { NotificationConfig } from '../config/notification.config';
import { CLOCK, type Clock } from '../deliveries/domain/clock';
import { DeliveryRepository } from '../deliveries/infrastructure/delivery.repository';
import { type SmsReceipt, verifyReceipt } from './domain/receipt-signature';

export interface RecordSmsReceiptCommand {
  receipt: SmsReceipt;
  timestamp?: string;
  signature?: string;
}

/**
 * The gateway's delivery receipt (状态报告): a SENT text becomes DELIVERED or FAILED at the time
 * the receipt states, announced by notification.delivered / notification.failed. Gateways repeat
 * receipts; a repeat changes nothing.
 */
@Injectable()
export class RecordSmsReceiptUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: DeliveryRepository,
    private readonly publisher: EventPublisher,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: NotificationConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async execute(cmd: RecordSmsReceiptCommand): Promise<'applied' | 'duplicate'> {
    const key = this.config.SMS_GATEWAY_KEY;
    if (!this.config.SMS_GATEWAY_URL || !key)
      throw new ProblemException('sms-not-configured', 'This service sends no SMS', HttpStatus.NOT_FOUND);
    const verdict = verifyReceipt(
      key,
      cmd.timestamp,
      cmd.signature,
      cmd.receipt,
      this.clock(),
      this.config.SMS_RECEIPT_TOLERANCE_MS,
    );
    if (verdict !== 'ok')
      throw new ProblemException(
        'invalid-receipt-signature',
        'The receipt is not signed by the SMS gateway, or too old',
        HttpStatus.UNAUTHORIZED,
        verdict === 'stale'
          ? 'the timestamp is outside the accepted tolerance'
          : 'the signature does not match',
      );
    const r = cmd.receipt;
    const error = r.status === 'FAILED' ? `SMS receipt: ${r.errorCode ?? 'FAILED'}`.slice(0, 200) : null;
    return this.dataSource.transaction(async (manager) => {
      const applied = await this.deliveries.applyReceipt(
        'SMS',
        r.messageId,
        r.status,
        new Date(r.reportedAt),
        error,
        manager,
      );
      if (applied === 'unknown')
        throw new ProblemException(
          'sms-message-not-found',
          'No SMS with this message id',
          HttpStatus.NOT_FOUND,
          `no SMS was sent as ${r.messageId}`,
        );
      if (!applied) return 'duplicate' as const;
      const ref = {
        deliveryId: applied.id,
        caseId: applied.caseId,
        triggerEventId: applied.triggerEventId,
        triggerEventType: applied.triggerEventType,
        channel: 'SMS' as const,
        recipient: applied.recipientMasked,
        attempts: Math.max(1, applied.attempts),
      };
      const cause = { id: applied.triggerEventId, correlationid: applied.correlationId };
      const at = applied.receiptAt.toISOString();
      if (applied.status === 'DELIVERED')
        await this.publisher.publish(
          manager,
          EventTypes.NotificationDelivered,
          applied.caseId,
          { ...ref, deliveredAt: at },
          cause,
        );
      else
        await this.publisher.publish(
          manager,
          EventTypes.NotificationFailed,
          applied.caseId,
          { ...ref, error: error ?? 'SMS receipt: FAILED', failedAt: at },
          cause,
        );
      this.log.info(
        {
          deliveryId: applied.id,
          caseId: applied.caseId,
          recipient: applied.recipientMasked,
          status: applied.status,
        },
        'SMS delivery receipt recorded',
      );
      return 'applied' as const;
    });
  }
}
