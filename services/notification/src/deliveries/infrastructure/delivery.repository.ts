import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { monotonicFactory } from 'ulid';
import { DataSource, type EntityManager, LessThan, type FindOptionsWhere } from 'typeorm';
import { type ClaimedDelivery, type DeliveryChannel, type DeliveryStatus } from '../domain/delivery';
import { DeliveryEntity } from './delivery.entity';

const nextId = monotonicFactory();

export interface NewMessage {
  triggerEventId: string;
  triggerEventType: string;
  caseId: string;
  correlationId: string;
  templateId: string;
  event: Record<string, unknown>;
}

/** The text of a message for one channel, and the template version it was rendered with. */
export interface ChannelMessage {
  channel: DeliveryChannel;
  locale: string;
  templateVersion: number;
  subject: string;
  body: string;
}

export interface NewDelivery {
  channel: DeliveryChannel;
  recipient: string;
  recipientMasked: string;
  subscriptionId?: string;
}

export interface TemplateRef {
  eventType: string;
  channel: DeliveryChannel;
  locale: string;
  version: number;
}

export interface DeliveryRecord {
  id: string;
  caseId: string;
  triggerEventId: string;
  triggerEventType: string;
  channel: DeliveryChannel;
  recipientMasked: string;
  status: DeliveryStatus;
  attempts: number;
  subject: string;
  /** The template the message was rendered with (absent on messages from before versioned templates). */
  template?: TemplateRef;
  subscriptionId?: string;
  lastError?: string;
  nextAttemptAt?: Date;
  createdAt: Date;
  deliveredAt?: Date;
  failedAt?: Date;
  sentAt?: Date;
  receiptAt?: Date;
  replays: number;
}

/** What a receipt changed, for the event announcing it. */
export interface ReceiptOutcome {
  id: string;
  caseId: string;
  triggerEventId: string;
  triggerEventType: string;
  recipientMasked: string;
  attempts: number;
  correlationId: string;
  status: 'DELIVERED' | 'FAILED';
  receiptAt: Date;
}

export type ReplayOutcome = 'replayed' | 'already-pending' | 'not-failed' | 'not-found';

export interface DeliveryFilter {
  caseId?: string;
  status?: DeliveryStatus;
  channel?: DeliveryChannel;
  /** Only deliveries older than this id (the log reads newest first). */
  beforeId?: string;
  limit: number;
}

interface ClaimRow {
  id: string;
  case_id: string;
  channel: DeliveryChannel;
  recipient: string;
  recipient_masked: string;
  attempts: number;
  subscription_id: string | null;
  trigger_event_id: string;
  trigger_event_type: string;
  correlation_id: string;
  subject: string;
  body: string;
  event: Record<string, unknown>;
}

@Injectable()
export class DeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records the messages of a milestone (one per channel) and their deliveries, in one statement:
   * the deliveries of a channel join the message row its insert returned (TypeORM's builder took a
   * round trip per channel and per message, and more CPU than the statement). The unique
   * (trigger event, channel) of messages and (trigger event, channel, recipient) of deliveries keep
   * a redelivered event from creating anything new: a message that exists already returns no row,
   * so its channel gets no deliveries. Returns how many deliveries were created.
   */
  async create(
    message: NewMessage,
    texts: ChannelMessage[],
    deliveries: NewDelivery[],
    manager: EntityManager,
  ): Promise<number> {
    const sent = texts.filter((t) => deliveries.some((d) => d.channel === t.channel));
    if (sent.length === 0) return 0;
    const messages = sent.map((t) => ({ id: nextId(), ...t }));
    const forChannels = messages.flatMap((m) => deliveries.filter((d) => d.channel === m.channel).map((d) => ({ id: nextId(), ...d })));
    const rows: Array<{ created: number }> = await manager.query(
      `WITH m AS (
         INSERT INTO message (id, trigger_event_id, trigger_event_type, case_id, correlation_id, template_id, event,
                              channel, locale, template_version, subject, body)
         SELECT t.id, $1, $2, $3, $4, $5, $6::jsonb, t.channel, t.locale, t.template_version, t.subject, t.body
           FROM unnest($7::text[], $8::text[], $9::text[], $10::int[], $11::text[], $12::text[])
                AS t(id, channel, locale, template_version, subject, body)
         ON CONFLICT DO NOTHING
         RETURNING id, channel
       ), d AS (
         INSERT INTO delivery (id, message_id, trigger_event_id, trigger_event_type, case_id, channel, recipient,
                               recipient_masked, subscription_id, status, attempts, next_attempt_at)
         SELECT x.id, m.id, $1, $2, $3, x.channel, x.recipient, x.recipient_masked, x.subscription_id, 'PENDING', 0, now()
           FROM unnest($13::text[], $14::text[], $15::text[], $16::text[], $17::text[])
                AS x(id, channel, recipient, recipient_masked, subscription_id)
           JOIN m ON m.channel = x.channel
         ON CONFLICT DO NOTHING
         RETURNING id
       ) SELECT count(*)::int AS created FROM d`,
      [
        message.triggerEventId,
        message.triggerEventType,
        message.caseId,
        message.correlationId,
        message.templateId,
        JSON.stringify(message.event),
        messages.map((m) => m.id),
        messages.map((m) => m.channel),
        messages.map((m) => m.locale),
        messages.map((m) => m.templateVersion),
        messages.map((m) => m.subject),
        messages.map((m) => m.body),
        forChannels.map((d) => d.id),
        forChannels.map((d) => d.channel),
        forChannels.map((d) => d.recipient),
        forChannels.map((d) => d.recipientMasked),
        forChannels.map((d) => d.subscriptionId ?? null),
      ],
    );
    return rows[0]?.created ?? 0;
  }

  /**
   * Takes due deliveries for one attempt. SKIP LOCKED lets instances claim side by side; the lease
   * (next_attempt_at pushed ahead) keeps a row from being claimed again while it is being sent and
   * hands it to another instance if this one dies mid-send. Recipients already at their cap here
   * are left out of the candidates, so their backlog cannot crowd out everybody else's.
   *
   * One statement, so no transaction of its own: it locks the candidates, picks among them as
   * `pickClaims` does (per recipient, the oldest due up to the cap less what is in flight to it;
   * then the oldest due up to the free slots) and claims those, where a SELECT … FOR UPDATE and an
   * UPDATE took four round trips with BEGIN and COMMIT, also on every poll that found nothing due.
   */
  async claimDue(
    free: number,
    inFlight: ReadonlyMap<string, number>,
    perRecipient: number,
    leaseMs: number,
  ): Promise<ClaimedDelivery[]> {
    if (free <= 0) return [];
    const saturated = [...inFlight].filter(([, n]) => n >= perRecipient).map(([r]) => r);
    const token = randomUUID();
    const rows: ClaimRow[] = await this.dataSource.query(
      `WITH candidates AS (
         SELECT id, recipient, next_attempt_at FROM delivery
          WHERE status = 'PENDING' AND next_attempt_at <= now() AND NOT (recipient = ANY($2::text[]))
          ORDER BY next_attempt_at, id
          LIMIT $1::int * 4
          FOR UPDATE SKIP LOCKED
       ), ranked AS (
         SELECT c.id, c.next_attempt_at,
                coalesce(f.busy, 0) + row_number() OVER (PARTITION BY c.recipient ORDER BY c.next_attempt_at, c.id) AS nth
           FROM candidates c LEFT JOIN unnest($3::text[], $4::int[]) AS f(recipient, busy) ON f.recipient = c.recipient
       ), picked AS (
         SELECT id FROM ranked WHERE nth <= $5::int ORDER BY next_attempt_at, id LIMIT $1::int
       ), claimed AS (
         UPDATE delivery d
            SET attempts = d.attempts + 1, claim_token = $6, updated_at = now(),
                next_attempt_at = now() + make_interval(secs => $7::double precision / 1000)
           FROM picked p
          WHERE d.id = p.id
         RETURNING d.id, d.message_id, d.case_id, d.channel, d.recipient, d.recipient_masked, d.attempts, d.subscription_id
       )
       SELECT c.id, c.case_id, c.channel, c.recipient, c.recipient_masked, c.attempts, c.subscription_id,
              m.trigger_event_id, m.trigger_event_type, m.correlation_id, m.subject, m.body, m.event
         FROM claimed c JOIN message m ON m.id = c.message_id
        ORDER BY c.id`,
      [free, saturated, [...inFlight.keys()], [...inFlight.values()], perRecipient, token, leaseMs],
    );
    return rows.map((r) => ({
      id: r.id,
      claimToken: token,
      caseId: r.case_id,
      channel: r.channel,
      recipient: r.recipient,
      recipientMasked: r.recipient_masked,
      attempts: Number(r.attempts),
      triggerEventId: r.trigger_event_id,
      triggerEventType: r.trigger_event_type,
      correlationId: r.correlation_id,
      message: { subject: r.subject, text: r.body },
      ...(r.subscription_id ? { subscriptionId: r.subscription_id } : {}),
      event: r.event,
    }));
  }

  /**
   * The outcome of an attempt, only if this instance still holds the claim (a lease that ran out
   * may have passed the delivery on). Nothing (undefined / false) when the claim was lost.
   */
  async markDelivered(d: ClaimedDelivery, manager: EntityManager): Promise<Date | undefined> {
    // Wrapped in a CTE: TypeORM answers a bare UPDATE with [rows, count] instead of the rows.
    const rows: Array<{ delivered_at: Date }> = await manager.query(
      `WITH u AS (
         UPDATE delivery SET status = 'DELIVERED', delivered_at = now(), updated_at = now(), claim_token = NULL,
                next_attempt_at = NULL, last_error = NULL
          WHERE id = $1 AND claim_token = $2 AND status = 'PENDING' RETURNING delivered_at
       ) SELECT delivered_at FROM u`,
      [d.id, d.claimToken],
    );
    return rows[0]?.delivered_at;
  }

  /** Taken by a channel that reports delivery later: SENT, waiting for its receipt. */
  async markSent(d: ClaimedDelivery, providerMessageId: string, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `WITH u AS (
         UPDATE delivery SET status = 'SENT', sent_at = now(), provider_message_id = $3, updated_at = now(),
                claim_token = NULL, next_attempt_at = NULL, last_error = NULL
          WHERE id = $1 AND claim_token = $2 AND status = 'PENDING' RETURNING id
       ) SELECT id FROM u`,
      [d.id, d.claimToken, providerMessageId],
    );
    return rows.length > 0;
  }

  /** Not yet (quiet hours, rate limit): due again at `until`, and this attempt does not count. */
  async defer(d: ClaimedDelivery, until: Date, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `WITH u AS (
         UPDATE delivery SET next_attempt_at = $3, attempts = greatest(attempts - 1, 0), claim_token = NULL,
                updated_at = now()
          WHERE id = $1 AND claim_token = $2 AND status = 'PENDING' RETURNING id
       ) SELECT id FROM u`,
      [d.id, d.claimToken, until],
    );
    return rows.length > 0;
  }

  /**
   * A delivery receipt: SENT becomes DELIVERED or FAILED at the receipt's time. A repeated receipt
   * finds nothing SENT and changes nothing (undefined); 'unknown' when no delivery has that id.
   */
  async applyReceipt(
    channel: DeliveryChannel,
    providerMessageId: string,
    status: 'DELIVERED' | 'FAILED',
    receiptAt: Date,
    error: string | null,
    manager: EntityManager,
  ): Promise<ReceiptOutcome | 'unknown' | undefined> {
    const rows: Array<{
      id: string;
      case_id: string;
      trigger_event_id: string;
      trigger_event_type: string;
      recipient_masked: string;
      attempts: number;
      correlation_id: string;
    }> = await manager.query(
      `WITH u AS (
         UPDATE delivery d SET status = $3, receipt_at = $4, updated_at = now(),
                delivered_at = CASE WHEN $3 = 'DELIVERED' THEN $4::timestamptz END,
                failed_at = CASE WHEN $3 = 'FAILED' THEN $4::timestamptz END,
                last_error = $5
          WHERE channel = $1 AND provider_message_id = $2 AND status = 'SENT'
          RETURNING id, message_id, case_id, trigger_event_id, trigger_event_type, recipient_masked, attempts
       ) SELECT u.*, m.correlation_id FROM u JOIN message m ON m.id = u.message_id`,
      [channel, providerMessageId, status, receiptAt, error],
    );
    const r = rows[0];
    if (!r) {
      const known: unknown[] = await manager.query(
        'SELECT 1 FROM delivery WHERE channel = $1 AND provider_message_id = $2',
        [channel, providerMessageId],
      );
      return known.length ? undefined : 'unknown';
    }
    return {
      id: r.id,
      caseId: r.case_id,
      triggerEventId: r.trigger_event_id,
      triggerEventType: r.trigger_event_type,
      recipientMasked: r.recipient_masked,
      attempts: Number(r.attempts),
      correlationId: r.correlation_id,
      status,
      receiptAt,
    };
  }

  /**
   * An operator sends a dead letter again: FAILED becomes PENDING, due now, with its attempts reset.
   * Replaying one that is already pending again changes nothing, so a repeated request sends once.
   */
  async replay(id: string): Promise<ReplayOutcome> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH u AS (
         UPDATE delivery SET status = 'PENDING', attempts = 0, next_attempt_at = now(), failed_at = NULL,
                receipt_at = NULL, provider_message_id = NULL, sent_at = NULL, claim_token = NULL,
                replays = replays + 1, updated_at = now()
          WHERE id = $1 AND status = 'FAILED' RETURNING id
       ) SELECT id FROM u`,
      [id],
    );
    if (rows.length) return 'replayed';
    const current = await this.dataSource.manager.findOne(DeliveryEntity, { where: { id } });
    if (!current) return 'not-found';
    return current.status === 'PENDING' && current.replays > 0 ? 'already-pending' : 'not-failed';
  }

  async scheduleRetry(
    d: ClaimedDelivery,
    retryInMs: number,
    error: string,
    manager: EntityManager,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `WITH u AS (
         UPDATE delivery SET next_attempt_at = now() + make_interval(secs => $3::double precision / 1000), last_error = $4,
                claim_token = NULL, updated_at = now()
          WHERE id = $1 AND claim_token = $2 AND status = 'PENDING' RETURNING id
       ) SELECT id FROM u`,
      [d.id, d.claimToken, retryInMs, error],
    );
    return rows.length > 0;
  }

  async markFailed(d: ClaimedDelivery, error: string, manager: EntityManager): Promise<Date | undefined> {
    const rows: Array<{ failed_at: Date }> = await manager.query(
      `WITH u AS (
         UPDATE delivery SET status = 'FAILED', failed_at = now(), last_error = $3, claim_token = NULL,
                next_attempt_at = NULL, updated_at = now()
          WHERE id = $1 AND claim_token = $2 AND status = 'PENDING' RETURNING failed_at
       ) SELECT failed_at FROM u`,
      [d.id, d.claimToken, error],
    );
    return rows[0]?.failed_at;
  }

  async findById(id: string): Promise<DeliveryRecord | undefined> {
    return (await this.query({ id }, 1))[0];
  }

  async list(filter: DeliveryFilter): Promise<DeliveryRecord[]> {
    const where: FindOptionsWhere<DeliveryEntity> = {};
    if (filter.caseId) where.caseId = filter.caseId;
    if (filter.status) where.status = filter.status;
    if (filter.channel) where.channel = filter.channel;
    if (filter.beforeId) where.id = LessThan(filter.beforeId);
    return this.query(where, filter.limit);
  }

  private async query(where: FindOptionsWhere<DeliveryEntity>, limit: number): Promise<DeliveryRecord[]> {
    const rows = await this.dataSource.manager.find(DeliveryEntity, {
      where,
      order: { id: 'DESC' },
      take: limit,
    });
    const messages = new Map<string, { subject: string; template?: TemplateRef }>();
    const messageIds = [...new Set(rows.map((r) => r.messageId))];
    if (messageIds.length) {
      const found: Array<{
        id: string;
        subject: string;
        trigger_event_type: string;
        channel: DeliveryChannel | null;
        locale: string | null;
        template_version: number | null;
      }> = await this.dataSource.query(
        'SELECT id, subject, trigger_event_type, channel, locale, template_version FROM message WHERE id = ANY($1::text[])',
        [messageIds],
      );
      for (const m of found)
        messages.set(m.id, {
          subject: m.subject,
          ...(m.channel && m.locale && m.template_version
            ? { template: { eventType: m.trigger_event_type, channel: m.channel, locale: m.locale, version: m.template_version } }
            : {}),
        });
    }
    return rows.map((r) => ({
      id: r.id,
      caseId: r.caseId,
      triggerEventId: r.triggerEventId,
      triggerEventType: r.triggerEventType,
      channel: r.channel,
      recipientMasked: r.recipientMasked,
      status: r.status,
      attempts: r.attempts,
      subject: messages.get(r.messageId)?.subject ?? '',
      ...(messages.get(r.messageId)?.template ? { template: messages.get(r.messageId)?.template } : {}),
      ...(r.subscriptionId ? { subscriptionId: r.subscriptionId } : {}),
      createdAt: r.createdAt,
      ...(r.lastError ? { lastError: r.lastError } : {}),
      ...(r.nextAttemptAt && r.status === 'PENDING' ? { nextAttemptAt: r.nextAttemptAt } : {}),
      ...(r.deliveredAt ? { deliveredAt: r.deliveredAt } : {}),
      ...(r.failedAt ? { failedAt: r.failedAt } : {}),
      ...(r.sentAt ? { sentAt: r.sentAt } : {}),
      ...(r.receiptAt ? { receiptAt: r.receiptAt } : {}),
      replays: r.replays,
    }));
  }
}
