import { type Static, Type } from '@sinclair/typebox';
import { Timestamp, Ulid } from './common';

export const NotificationChannel = Type.Union([Type.Literal('EMAIL'), Type.Literal('SMS'), Type.Literal('WEBHOOK')]);
export type NotificationChannel = Static<typeof NotificationChannel>;

const DeliveryRef = {
  deliveryId: Ulid,
  caseId: Ulid,
  /** The event this message announced. */
  triggerEventId: Type.String(),
  triggerEventType: Type.String(),
  channel: NotificationChannel,
  /** Masked: never a full phone number or e-mail address. */
  recipient: Type.String(),
  attempts: Type.Integer({ minimum: 1 }),
};

export const NotificationDelivered = Type.Object({ ...DeliveryRef, deliveredAt: Timestamp });
export type NotificationDelivered = Static<typeof NotificationDelivered>;

export const NotificationFailed = Type.Object({ ...DeliveryRef, error: Type.String(), failedAt: Timestamp });
export type NotificationFailed = Static<typeof NotificationFailed>;
