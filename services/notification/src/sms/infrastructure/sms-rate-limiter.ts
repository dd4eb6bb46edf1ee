import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, REDIS } from '@onewindow/platform';
import type { Redis } from 'ioredis';
import type { NotificationConfig } from '../../config/notification.config';

// Sliding window in one sorted set per phone: drop what left the window, count, and take a slot
// only when one is free; otherwise answer how long until the oldest leaves. Atomic in Redis.
const TAKE_SLOT = `
local key, now, window, limit, member = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) < limit then
  redis.call('ZADD', key, now, member)
  redis.call('PEXPIRE', key, window)
  return 0
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

/** Per-recipient SMS rate limit. Keys hold a hash of the number, never the number. */
@Injectable()
export class SmsRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: NotificationConfig,
  ) {}

  /**
   * `{ waitMs: 0, slot }` when the text may go now (the slot counts against the limit until
   * released), else how many milliseconds to wait.
   */
  async take(phone: string, now: Date): Promise<{ waitMs: number; slot?: string }> {
    const slot = `${now.getTime()}-${randomUUID()}`;
    const wait = await this.redis.eval(
      TAKE_SLOT,
      1,
      this.keyOf(phone),
      now.getTime(),
      this.config.SMS_RATE_WINDOW_MS,
      this.config.SMS_RATE_LIMIT,
      slot,
    );
    const waitMs = Number(wait);
    return waitMs > 0 ? { waitMs } : { waitMs: 0, slot };
  }

  /** A text the gateway did not take does not count: a gateway outage must not use up the applicant's quota. */
  async release(phone: string, slot: string): Promise<void> {
    await this.redis.zrem(this.keyOf(phone), slot);
  }

  private keyOf(phone: string): string {
    const digest = createHash('sha256')
      .update(`onewindow-sms:${phone.replace(/\D/g, '')}`)
      .digest('hex');
    return `${this.config.KAFKA_TOPIC_PREFIX}notification:sms-rate:${digest}`;
  }
}
