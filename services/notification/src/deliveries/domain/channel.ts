import type { ClaimedDelivery, DeliveryChannel } from './delivery';
import type { SendOutcome } from './delivery-errors';

/**
 * Port: sends one delivery over its channel; throws when the channel did not take it
 * (PermanentDeliveryError: never retry; DeferDeliveryError: not yet, no attempt spent).
 */
export interface ChannelSender {
  readonly channel: DeliveryChannel;
  send(delivery: ClaimedDelivery): Promise<SendOutcome | void>;
}

export const CHANNEL_SENDERS = Symbol('CHANNEL_SENDERS');
