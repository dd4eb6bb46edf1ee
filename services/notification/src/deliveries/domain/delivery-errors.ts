/** The channel refused the message for good (unknown number, blacklisted, bad template): no retry. */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

/**
 * Not a failure: the message may not go out before `until` (quiet hours, a rate limit). The attempt
 * does not count against MAX_ATTEMPTS.
 */
export class DeferDeliveryError extends Error {
  constructor(
    readonly until: Date,
    reason: string,
  ) {
    super(reason);
    this.name = 'DeferDeliveryError';
  }
}

/** What the channel reported when it took the message; `awaitReceipt` when the outcome comes later. */
export interface SendOutcome {
  providerMessageId?: string;
  awaitReceipt?: boolean;
}
