export type DeliveryChannel = 'EMAIL' | 'SMS' | 'WEBHOOK';
export const DELIVERY_CHANNELS: readonly DeliveryChannel[] = ['EMAIL', 'SMS', 'WEBHOOK'];

/**
 * PENDING until sent (DELIVERED) or given up (FAILED: a dead letter an operator may replay).
 * SENT: taken by a channel that reports delivery later (SMS), waiting for its receipt.
 * CANCELLED: its webhook subscription was deleted before it went out.
 */
export type DeliveryStatus = 'PENDING' | 'SENT' | 'DELIVERED' | 'FAILED' | 'CANCELLED';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['PENDING', 'SENT', 'DELIVERED', 'FAILED', 'CANCELLED'];

export interface RenderedMessage {
  subject: string;
  text: string;
}

/** A delivery taken by this instance for one attempt, with what it needs to send. */
export interface ClaimedDelivery {
  id: string;
  claimToken: string;
  caseId: string;
  channel: DeliveryChannel;
  /** Full address or URL: used to send, never logged. */
  recipient: string;
  recipientMasked: string;
  /** 1 for the first attempt. */
  attempts: number;
  triggerEventId: string;
  triggerEventType: string;
  correlationId: string;
  message: RenderedMessage;
  /** The webhook subscription this delivery is for, whose secret signs it. */
  subscriptionId?: string;
  /** The CloudEvent (envelope and data) that caused the message, as received. */
  event: Record<string, unknown>;
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export type FailureOutcome = { giveUp: true } | { giveUp: false; retryInMs: number };

/**
 * Exponential back-off with jitter: base·2^(n−1), capped, then drawn from its upper half, so
 * deliveries that failed together (a subscriber was down) do not all return at the same instant.
 */
export function afterFailure(
  attempts: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): FailureOutcome {
  if (attempts >= policy.maxAttempts) return { giveUp: true };
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return { giveUp: false, retryInMs: Math.round(ceiling / 2 + (random() * ceiling) / 2) };
}

export interface ClaimCandidate {
  id: string;
  recipient: string;
}

/**
 * Which due deliveries to take now: at most `free` in all and, per recipient, no more than the cap
 * minus what is already being sent to it, so one unreachable recipient never takes every slot.
 * Candidates come oldest-due first and keep that order. DeliveryRepository.claimDue applies this
 * rule inside its claim statement (a window per recipient), so the claim is one round trip; this
 * is its plain statement, pinned by the unit tests, and the integration tests pin the SQL to it.
 */
export function pickClaims(
  candidates: readonly ClaimCandidate[],
  inFlight: ReadonlyMap<string, number>,
  free: number,
  perRecipient: number,
): string[] {
  const taken = new Map<string, number>();
  const picked: string[] = [];
  for (const c of candidates) {
    if (picked.length >= free) break;
    const busy = (inFlight.get(c.recipient) ?? 0) + (taken.get(c.recipient) ?? 0);
    if (busy >= perRecipient) continue;
    taken.set(c.recipient, (taken.get(c.recipient) ?? 0) + 1);
    picked.push(c.id);
  }
  return picked;
}
