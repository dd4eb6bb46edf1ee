import { type DynamicModule, Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import { Kafka, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { type BaseConfig, CONFIG } from './config/config';
import { buildDataSourceOptions } from './database/data-source';
import { anyReachable, HealthController, ReadinessRegistry } from './health/health';
import { EventPublisher, outboxChannel } from './messaging/event-publisher';
import { Inbox } from './messaging/inbox';
import { createKafka, createProducer } from './messaging/kafka';
import { OutboxRelay } from './messaging/outbox-relay';
import { createRedis, REDIS } from './redis/redis';
import { ServiceMetrics } from './observability/metrics';
import { MetricsController } from './observability/metrics.controller';

export const LOGGER = Symbol('LOGGER');
export const SERVICE_INFO = Symbol('SERVICE_INFO');

export interface ServiceInfo {
  name: string;
  schema: string;
}

export interface PlatformOptions {
  service: string;
  config: BaseConfig;
  logger: Logger;
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
}

export function schemaOf(service: string): string {
  return service.replace(/-/g, '_');
}

/** Owns the lifecycles: relay started after bootstrap, stopped and everything closed on shutdown. */
@Injectable()
class PlatformLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject('OUTBOX_PRODUCER') private readonly producer: Producer,
    private readonly registry: ReadinessRegistry,
    private readonly metrics: ServiceMetrics,
    private readonly dataSource: DataSource,
    @Inject(SERVICE_INFO) private readonly info: ServiceInfo,
    @Inject(CONFIG) private readonly config: BaseConfig,
  ) {}

  onApplicationBootstrap(): void {
    // ioredis queues commands while it reconnects, so a ping alone would wait out a short Redis
    // restart and answer PONG: the connection's own state says at once that Redis went away.
    this.registry.register('redis', async () => this.redis.status === 'ready' && (await this.redis.ping()) === 'PONG');
    this.registry.register('kafka-broker', () => anyReachable(this.config.KAFKA_BROKERS));
    this.relay.start();
    // Read at scrape time: the partial index on unpublished rows keeps this cheap.
    this.metrics.onScrape(async () => {
      const [row] = (await this.dataSource.query(
        `SELECT count(*)::int AS n, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS age
         FROM "${this.info.schema}".outbox WHERE published_at IS NULL`,
      )) as Array<{ n: number; age: number }>;
      this.metrics.outboxBacklog.set(row.n);
      this.metrics.outboxOldestAge.set(row.age);
      this.metrics.outboxLeader.set(this.relay.status().leader ? 1 : 0);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.producer.disconnect().catch(() => undefined);
    this.redis.disconnect();
  }
}

@Module({})
export class PlatformModule {
  static forRoot(o: PlatformOptions): DynamicModule {
    const schema = schemaOf(o.service);
    const info: ServiceInfo = { name: o.service, schema };
    const metrics = new ServiceMetrics(o.service);
    return {
      global: true,
      module: PlatformModule,
      imports: [
        TypeOrmModule.forRoot(
          buildDataSourceOptions({
            url: o.config.DATABASE_URL,
            schema,
            entities: o.entities,
            migrations: o.migrations,
            poolSize: o.config.DATABASE_POOL_SIZE,
            applicationName: `${o.service}-${o.config.INSTANCE_ID}`,
            onQuery: () => metrics.dbStatements.inc(),
          }),
        ),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: CONFIG, useValue: o.config },
        { provide: LOGGER, useValue: o.logger },
        { provide: SERVICE_INFO, useValue: info },
        { provide: ServiceMetrics, useValue: metrics },
        ReadinessRegistry,
        {
          provide: Kafka,
          useFactory: () => createKafka(`${o.service}-${o.config.INSTANCE_ID}`, o.config.KAFKA_BROKERS, o.logger),
        },
        {
          provide: 'OUTBOX_PRODUCER',
          useFactory: async (kafka: Kafka, registry: ReadinessRegistry) => {
            const producer = createProducer(kafka);
            let up = false;
            producer.on(producer.events.CONNECT, () => (up = true));
            producer.on(producer.events.DISCONNECT, () => (up = false));
            await producer.connect();
            registry.register('kafka-producer', () => up);
            return producer;
          },
          inject: [Kafka, ReadinessRegistry],
        },
        {
          provide: OutboxRelay,
          useFactory: (producer: Producer) =>
            new OutboxRelay(
              producer,
              {
                databaseUrl: o.config.DATABASE_URL,
                schema,
                notifyChannel: outboxChannel(schema),
                topicPrefix: o.config.KAFKA_TOPIC_PREFIX,
                metrics,
              },
              o.logger.child({ component: 'outbox-relay' }),
            ),
          inject: ['OUTBOX_PRODUCER'],
        },
        { provide: EventPublisher, useValue: new EventPublisher(o.service, outboxChannel(schema)) },
        { provide: Inbox, useFactory: (ds: DataSource) => new Inbox(ds, o.service, metrics), inject: [DataSource] },
        { provide: REDIS, useFactory: () => createRedis(o.config.REDIS_URL, `${o.service}-${o.config.INSTANCE_ID}`) },
        PlatformLifecycle,
      ],
      exports: [CONFIG, LOGGER, SERVICE_INFO, ServiceMetrics, Kafka, EventPublisher, Inbox, REDIS, ReadinessRegistry, OutboxRelay],
    };
  }
}
