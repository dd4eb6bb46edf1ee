const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  // PostgreSQL: connection exceptions, admin shutdown, cannot connect now, serialization / deadlock.
  '57P01',
  '57P02',
  '57P03',
  '40001',
  '40P01',
  '53300',
]);

/**
 * Thrown by a handler when the event cannot be applied *yet* (what it refers to has not arrived):
 * retried with back-off, never dead-lettered.
 */
export class RetryLaterError extends Error {
  readonly transient = true;
  constructor(message: string) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/**
 * An error caused by infrastructure being away (database restarting, network) rather than by the
 * event: retried without limit instead of being dead-lettered.
 */
export function isTransientError(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const x = e as { code?: string; driverError?: unknown; cause?: unknown; message?: string; transient?: boolean };
    if (x.transient === true) return true;
    if (x.code && (TRANSIENT_CODES.has(x.code) || x.code.startsWith('08'))) return true;
    if (x.message && /Connection terminated|connection timeout|Client has encountered a connection error/i.test(x.message))
      return true;
    e = x.driverError ?? x.cause;
  }
  return false;
}
