import type { DeliveryDto } from './dto/delivery.dto';
import type { DeliveryRecord } from './infrastructure/delivery.repository';

export function toDeliveryDto(r: DeliveryRecord): DeliveryDto {
  return {
    id: r.id,
    caseId: r.caseId,
    triggerEventId: r.triggerEventId,
    triggerEventType: r.triggerEventType,
    channel: r.channel,
    recipient: r.recipientMasked,
    status: r.status,
    attempts: r.attempts,
    subject: r.subject,
    ...(r.template ? { template: r.template } : {}),
    ...(r.subscriptionId ? { subscriptionId: r.subscriptionId } : {}),
    ...(r.lastError ? { lastError: r.lastError } : {}),
    ...(r.nextAttemptAt ? { nextAttemptAt: r.nextAttemptAt.toISOString() } : {}),
    createdAt: r.createdAt.toISOString(),
    ...(r.deliveredAt ? { deliveredAt: r.deliveredAt.toISOString() } : {}),
    ...(r.failedAt ? { failedAt: r.failedAt.toISOString() } : {}),
    ...(r.sentAt ? { sentAt: r.sentAt.toISOString() } : {}),
    ...(r.receiptAt ? { receiptAt: r.receiptAt.toISOString() } : {}),
    replays: r.replays,
  };
}
