import type { AnyCloudEvent } from '@onewindow/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { ServiceMetrics } from '../observability/metrics';

export type InboxOutcome = 'processed' | 'duplicate';

/**
 * Idempotent consumer: the inbox row for the event id is written in the same transaction as the
 * effect, so a redelivered event finds its row and does nothing. Exactly-once in effect.
 */
export class Inbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consumer: string,
    private readonly metrics?: ServiceMetrics,
  ) {}

  async handle(event: AnyCloudEvent, effect: (manager: EntityManager) => Promise<void>): Promise<InboxOutcome> {
    const outcome = await this.dataSource.transaction(async (manager): Promise<InboxOutcome> => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO inbox (consumer, event_id, event_type, subject) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.consumer, event.id, event.type, event.subject],
      );
      if (inserted.length === 0) return 'duplicate';
      await effect(manager);
      return 'processed';
    });
    if (outcome === 'duplicate') this.metrics?.inboxDuplicates.inc({ type: event.type });
    return outcome;
  }
}
