import type { ClaimedDelivery, DeliveryChannel } from './delivery';

/** Port: sends one delivery over its channel; throws when the channel did not take it. */
export interface ChannelSender {
  readonly channel: DeliveryChannel;
  send(delivery: ClaimedDelivery): Promise<void>;
}

export const CHANNEL_SENDERS = Symbol('CHANNEL_SENDERS');
