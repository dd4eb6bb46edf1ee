import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DeliveryChannel } from '../../deliveries/domain/delivery';
import type { Recipient } from '../../recipients/domain/recipient';
import {
  recipientOfRow,
  recipientParams,
  type RecipientRow,
  SAVE_RECIPIENT,
  type SaveMode,
} from '../../recipients/infrastructure/recipient.repository';
import type { TemplateLocale } from '../../templates/domain/locale';
import type { TemplateVersion } from '../../templates/infrastructure/template.repository';
import type { MilestoneType } from '../../templates/render-milestone';

/** What a milestone's messages are planned and rendered from, read in the transaction of its inbox row. */
export interface MilestoneFacts {
  /** Undefined when the read model has not seen the case yet (or when the caller wrote it from the event). */
  recipient?: Recipient;
  /** The active webhook subscriptions to the event type, oldest first. */
  subscribers: Array<{ id: string; url: string }>;
  /** The newest version of the event type's template for every channel and locale. */
  templates: TemplateVersion[];
}

interface FactsRow {
  recipient: RecipientRow | null;
  subscribers: Array<{ id: string; url: string }>;
  templates: Array<{ channel: DeliveryChannel; locale: TemplateLocale; version: number; subject: string; body: string; published_at: string }>;
}

/**
 * The subscribers and current templates of the event type given as `p`. Templates come for both
 * locales (a handful of short rows) so that the recipient's locale, known only in this same
 * statement, can pick among them afterwards.
 */
const subscribersAndTemplates = (p: string) => `
  (SELECT coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'url', s.url) ORDER BY s.id), '[]'::jsonb)
     FROM webhook_subscription s WHERE s.deleted_at IS NULL AND ${p} = ANY(s.event_types)) AS subscribers,
  (SELECT coalesce(jsonb_agg(to_jsonb(t)), '[]'::jsonb)
     FROM (SELECT DISTINCT ON (channel, locale) channel, locale, version, subject, body, published_at
             FROM message_template WHERE event_type = ${p}
            ORDER BY channel, locale, version DESC) t) AS templates`;

/**
 * One statement per milestone for everything it reads (and, for the events that name the
 * applicant, the recipient it writes): recipient, subscriptions and templates used to be three or
 * four round trips of their own, each built by TypeORM, inside the inbox transaction.
 */
@Injectable()
export class MilestoneFactsRepository {
  /** The recipient of a case from the read model, with the event type's subscribers and templates. */
  async read(caseId: string, eventType: MilestoneType, manager: EntityManager): Promise<MilestoneFacts> {
    const rows: FactsRow[] = await manager.query(
      `SELECT (SELECT to_jsonb(r) FROM recipient r WHERE r.case_id = $1) AS recipient, ${subscribersAndTemplates('$2')}`,
      [caseId, eventType],
    );
    return factsOf(rows[0], eventType);
  }

  /**
   * Writes the recipient an event names (`replace` or `keep-existing`, as RecipientRepository.save)
   * and reads the subscribers and templates in the same statement. With `keep-existing` the
   * recipient comes back as stored: the row just added or the one already there. The one already
   * there can be missed only when it was committed while this statement ran (the statement sees
   * the snapshot it started with); the caller then reads again.
   */
  async saveRecipient(
    r: Recipient,
    sourceEventId: string,
    mode: SaveMode,
    eventType: MilestoneType,
    manager: EntityManager,
  ): Promise<MilestoneFacts> {
    const recipient =
      mode === 'keep-existing'
        ? 'coalesce((SELECT to_jsonb(a) FROM saved a), (SELECT to_jsonb(r) FROM recipient r WHERE r.case_id = $1))'
        : 'NULL::jsonb';
    const rows: FactsRow[] = await manager.query(
      `WITH saved AS (${SAVE_RECIPIENT[mode]} RETURNING *)
       SELECT ${recipient} AS recipient, ${subscribersAndTemplates('$9')}`,
      [...recipientParams(r, sourceEventId), eventType],
    );
    return factsOf(rows[0], eventType);
  }
}

function factsOf(row: FactsRow, eventType: MilestoneType): MilestoneFacts {
  return {
    ...(row.recipient ? { recipient: recipientOfRow(row.recipient) } : {}),
    subscribers: row.subscribers,
    templates: row.templates.map((t) => ({
      eventType,
      channel: t.channel,
      locale: t.locale,
      version: Number(t.version),
      subject: t.subject,
      body: t.body,
      publishedAt: new Date(t.published_at),
    })),
  };
}
