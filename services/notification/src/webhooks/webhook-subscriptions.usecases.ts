import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { isEventType } from '@onewindow/contracts';
import { CONFIG, decodeCursor, encodeCursor, LOGGER, ProblemException } from '@onewindow/platform';
import type { Logger } from 'pino';
import { monotonicFactory } from 'ulid';
import type { NotificationConfig } from '../config/notification.config';
import { maskUrl } from '../deliveries/domain/masking';
import { isMilestone, MILESTONE_TYPES } from '../templates/render-milestone';
import { checkWebhookTarget, type ResolveHost } from './domain/webhook-target';
import type {
  CreatedWebhookSubscriptionDto,
  CreateWebhookSubscriptionDto,
  ListWebhookSubscriptionsQuery,
  WebhookSubscriptionPageDto,
} from './dto/webhook-subscription.dto';
import { type WebhookSubscription, WebhookSubscriptionRepository } from './infrastructure/webhook-subscription.repository';

const nextId = monotonicFactory();

export const resolveHost: ResolveHost = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * An integrator subscribes a URL to event types. The types must be in the event catalogue and be
 * ones this service sends messages for; the URL must be a public http(s) target. The secret is
 * made here and shown once.
 */
@Injectable()
export class CreateWebhookSubscriptionUseCase {
  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    @Inject(CONFIG) private readonly config: NotificationConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async execute(cmd: CreateWebhookSubscriptionDto): Promise<CreatedWebhookSubscriptionDto> {
    const eventTypes = [...new Set(cmd.eventTypes)];
    const unknown = eventTypes.filter((t) => !isEventType(t));
    if (unknown.length) {
      throw new ProblemException('unknown-event-types', 'Some event types do not exist', HttpStatus.UNPROCESSABLE_ENTITY,
        `not in the event catalogue: ${unknown.join(', ')}`, { unknownEventTypes: unknown });
    }
    const notSent = eventTypes.filter((t) => !isMilestone(t));
    if (notSent.length) {
      throw new ProblemException('event-types-not-notified', 'Some event types are not sent to subscribers', HttpStatus.UNPROCESSABLE_ENTITY,
        `subscribable: ${MILESTONE_TYPES.join(', ')}`, { notNotified: notSent, subscribable: MILESTONE_TYPES });
    }
    const problems = await checkWebhookTarget(cmd.url, resolveHost, this.config.WEBHOOK_ALLOW_LOOPBACK);
    if (problems.length) {
      throw new ProblemException('webhook-target-refused', 'The webhook URL may not be called', HttpStatus.UNPROCESSABLE_ENTITY,
        problems.join('; '), { problems });
    }
    const s: WebhookSubscription & { secret: string } = {
      id: nextId(),
      url: new URL(cmd.url).toString(),
      eventTypes,
      ...(cmd.description ? { description: cmd.description } : {}),
      createdAt: new Date(),
      secret: randomBytes(32).toString('base64url'),
    };
    if (!(await this.subscriptions.create(s))) {
      throw new ProblemException('webhook-subscription-exists', 'This URL already has a subscription', HttpStatus.CONFLICT,
        'change the event types by deleting it and subscribing again');
    }
    this.log.info({ subscriptionId: s.id, url: maskUrl(s.url), eventTypes }, 'webhook subscription created');
    return s;
  }
}

@Injectable()
export class ManageWebhookSubscriptionsUseCase {
  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async get(id: string): Promise<WebhookSubscription> {
    const s = await this.subscriptions.get(id);
    if (!s) throw ProblemException.notFound('webhook-subscription', id);
    return s;
  }

  async list(q: ListWebhookSubscriptionsQuery): Promise<WebhookSubscriptionPageDto> {
    const limit = q.limit ?? 20;
    const rows = await this.subscriptions.list(limit + 1, decodeCursor(q.cursor));
    const page = rows.slice(0, limit);
    return { items: page, nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].id) : null };
  }

  /** Deleting stops deliveries: the ones not yet made are cancelled with it. */
  async delete(id: string): Promise<void> {
    const cancelled = await this.subscriptions.delete(id);
    if (cancelled === undefined) throw ProblemException.notFound('webhook-subscription', id);
    this.log.info({ subscriptionId: id, cancelled }, 'webhook subscription deleted');
  }
}
