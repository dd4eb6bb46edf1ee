import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, LessThan } from 'typeorm';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';

export interface WebhookSubscription {
  id: string;
  url: string;
  eventTypes: string[];
  description?: string;
  createdAt: Date;
}

const toView = (e: WebhookSubscriptionEntity): WebhookSubscription => ({
  id: e.id,
  url: e.url,
  eventTypes: e.eventTypes,
  ...(e.description ? { description: e.description } : {}),
  createdAt: e.createdAt,
});

@Injectable()
export class WebhookSubscriptionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** False when an active subscription already has this URL (the unique index decides, also for two at once). */
  async create(s: WebhookSubscription & { secret: string }): Promise<boolean> {
    const r = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(WebhookSubscriptionEntity)
      .values({ ...s, description: s.description ?? null, deletedAt: null })
      .orIgnore()
      .returning(['id'])
      .execute();
    return (r.raw as unknown[]).length > 0;
  }

  async get(id: string): Promise<WebhookSubscription | undefined> {
    const e = await this.dataSource.getRepository(WebhookSubscriptionEntity).findOneBy({ id, deletedAt: IsNull() });
    return e ? toView(e) : undefined;
  }

  async list(limit: number, beforeId?: string): Promise<WebhookSubscription[]> {
    const rows = await this.dataSource.getRepository(WebhookSubscriptionEntity).find({
      where: { deletedAt: IsNull(), ...(beforeId ? { id: LessThan(beforeId) } : {}) },
      order: { id: 'DESC' },
      take: limit,
    });
    return rows.map(toView);
  }

  /** The secret of an active subscription; undefined once it is deleted. */
  async activeSecret(id: string): Promise<string | undefined> {
    const rows: Array<{ secret: string }> = await this.dataSource.query(
      'SELECT secret FROM webhook_subscription WHERE id = $1 AND deleted_at IS NULL',
      [id],
    );
    return rows[0]?.secret;
  }

  /**
   * Deletes a subscription and cancels its deliveries not yet made, in one transaction: nothing is
   * sent to it afterwards (a call already in flight is refused by the sender, which finds no secret).
   * Returns how many deliveries were cancelled, or undefined when there was no such subscription.
   */
  async delete(id: string): Promise<number | undefined> {
    return this.dataSource.transaction(async (m) => {
      const deleted: unknown[] = await m.query(
        `WITH u AS (UPDATE webhook_subscription SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING id)
         SELECT id FROM u`,
        [id],
      );
      if (deleted.length === 0) return undefined;
      const cancelled: unknown[] = await m.query(
        `WITH u AS (
           UPDATE delivery SET status = 'CANCELLED', next_attempt_at = NULL, claim_token = NULL, updated_at = now(),
                  last_error = 'webhook subscription deleted'
            WHERE subscription_id = $1 AND status IN ('PENDING', 'FAILED') RETURNING id
         ) SELECT id FROM u`,
        [id],
      );
      return cancelled.length;
    });
  }
}
