import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Outcomes of one consumed Kafka message; a closed set, so the label stays bounded. */
export type ConsumeOutcome = 'processed' | 'skipped' | 'retried' | 'waiting' | 'dead_lettered';

/**
 * Every Prometheus metric a service exposes on GET /metrics, in one registry per service (not the
 * prom-client global one), so several services started in one test process do not collide.
 * Labels are bounded sets only: route templates, method names, topics, event types, outcomes and
 * partitions — never a case, task or document id.
 */
export class ServiceMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'onewindow_http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly grpcDuration = new Histogram({
    name: 'onewindow_grpc_server_duration_seconds',
    help: 'gRPC call duration by method and status code (streams: until the stream ends)',
    labelNames: ['method', 'code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60, 600],
    registers: [this.registry],
  });

  readonly eventsConsumed = new Counter({
    name: 'onewindow_kafka_messages_consumed_total',
    help: 'Kafka messages this consumer group member finished with, by topic, event type and outcome',
    labelNames: ['topic', 'type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly eventDuration = new Histogram({
    name: 'onewindow_kafka_message_processing_seconds',
    help: 'Time from handing a message to its handler until it is finished with, by topic and event type',
    labelNames: ['topic', 'type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly consumerLag = new Gauge({
    name: 'onewindow_kafka_consumer_lag_messages',
    help: "Messages on a partition after the consumer group's committed offset (sampled periodically)",
    labelNames: ['topic', 'partition'] as const,
    registers: [this.registry],
  });

  readonly deadLetterTopicMessages = new Gauge({
    name: 'onewindow_kafka_dead_letter_topic_messages',
    help: "Messages kept on this service's dead-letter topic (high watermark minus low, sampled periodically)",
    labelNames: ['topic'] as const,
    registers: [this.registry],
  });

  readonly deadLettered = new Counter({
    name: 'onewindow_kafka_dead_lettered_total',
    help: 'Messages this instance sent to the dead-letter topic, by original topic and event type',
    labelNames: ['topic', 'type'] as const,
    registers: [this.registry],
  });

  readonly inboxDuplicates = new Counter({
    name: 'onewindow_inbox_duplicates_total',
    help: 'Redelivered events the inbox recognised and skipped, by event type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  readonly outboxPublished = new Counter({
    name: 'onewindow_outbox_published_total',
    help: 'Events the outbox relay put on Kafka, by topic and event type (domain counters: case.accepted, task.decided, document.issued, notification.delivered, ...)',
    labelNames: ['topic', 'type'] as const,
    registers: [this.registry],
  });

  readonly outboxBacklog = new Gauge({
    name: 'onewindow_outbox_backlog_rows',
    help: 'Outbox rows committed but not yet on Kafka (read at scrape time)',
    registers: [this.registry],
  });

  readonly outboxOldestAge = new Gauge({
    name: 'onewindow_outbox_oldest_unpublished_age_seconds',
    help: 'Age of the oldest outbox row not yet on Kafka; 0 when none (read at scrape time)',
    registers: [this.registry],
  });

  readonly outboxLeader = new Gauge({
    name: 'onewindow_outbox_relay_leader',
    help: "1 when this instance's outbox relay holds the leader lock",
    registers: [this.registry],
  });

  readonly dbStatements = new Counter({
    name: 'onewindow_db_statements_total',
    help: 'Statements sent to PostgreSQL by this instance (each one a round trip; BEGIN and COMMIT included)',
    registers: [this.registry],
  });

  private readonly scrapeHooks: Array<() => Promise<void>> = [];

  constructor(readonly service: string) {
    // No `instance` label here: Prometheus adds one per scraped target.
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry, prefix: 'onewindow_' });
  }

  /** Work that refreshes gauges at scrape time (e.g. an outbox count); each bounded to 2 s, failures leave the last value. */
  onScrape(hook: () => Promise<void>): void {
    this.scrapeHooks.push(hook);
  }

  async render(): Promise<string> {
    await Promise.all(this.scrapeHooks.map((h) => withTimeout(h(), 2000).catch(() => undefined)));
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms)))]).finally(() => clearTimeout(timer));
}
