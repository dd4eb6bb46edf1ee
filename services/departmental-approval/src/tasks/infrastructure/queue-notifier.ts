import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ServiceNames } from '@onewindow/contracts';
import { type BaseConfig, CONFIG, LOGGER, ReadinessRegistry, REDIS } from '@onewindow/platform';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

type Listener = () => void;

interface Channel {
  listeners: Set<Listener>;
  /** Resolves once Redis confirmed the SUBSCRIBE: only then is no later signal missed. */
  subscribed: Promise<unknown>;
}

/**
 * Wakes WatchQueue streams on every instance when a department's queue log grew. A signal only
 * says "read again": the queue log in PostgreSQL stays the source of truth, so a lost or
 * duplicated signal costs a read, never an event. One SUBSCRIBE connection per instance, shared
 * by all its streams, one channel per department that someone watches.
 */
@Injectable()
export class QueueNotifier implements OnModuleInit, OnApplicationShutdown {
  private subscriber?: Redis;
  private readonly channels = new Map<string, Channel>();
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) config: BaseConfig,
    @Inject(LOGGER) private readonly log: Logger,
    private readonly readiness: ReadinessRegistry,
  ) {
    // The topic prefix already separates environments sharing a cluster; it separates channels too.
    this.prefix = `${config.KAFKA_TOPIC_PREFIX}${ServiceNames.DepartmentalApproval}:queue:`;
  }

  onModuleInit(): void {
    const sub = this.redis.duplicate();
    sub.on('message', (channel: string) => this.wake(channel));
    // After a reconnect ioredis subscribes again by itself; signals sent meanwhile are lost, so read again.
    sub.on('ready', () => {
      for (const channel of this.channels.keys()) this.wake(channel);
    });
    sub.on('error', (err: Error) => this.log.warn({ err }, 'queue notifier: Redis subscriber error'));
    this.subscriber = sub;
    this.readiness.register('redis-subscriber', () => sub.status === 'ready');
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }

  /** Signals the watchers of these departments, after the commit that grew their logs. Never throws. */
  async announce(departmentCodes: Iterable<string>): Promise<void> {
    for (const d of new Set(departmentCodes)) {
      try {
        await this.redis.publish(this.prefix + d, '');
      } catch (err) {
        // Watchers still catch up with their periodic re-read.
        this.log.warn({ err, departmentCode: d }, 'queue notifier: could not publish');
      }
    }
  }

  /** Calls `listener` on every signal for the department until the returned function is called. */
  async listen(departmentCode: string, listener: Listener): Promise<() => void> {
    const sub = this.subscriber;
    if (!sub) throw new Error('queue notifier not initialised');
    const name = this.prefix + departmentCode;
    let channel = this.channels.get(name);
    if (!channel) {
      const subscribed = sub.subscribe(name).catch((err: unknown) => {
        this.channels.delete(name);
        throw err;
      });
      channel = { listeners: new Set(), subscribed };
      this.channels.set(name, channel);
    }
    channel.listeners.add(listener);
    await channel.subscribed;
    return () => {
      const c = this.channels.get(name);
      if (!c) return;
      c.listeners.delete(listener);
      if (c.listeners.size === 0) {
        this.channels.delete(name);
        // Commands on one connection run in order: a SUBSCRIBE issued after this still wins.
        sub
          .unsubscribe(name)
          .catch((err: unknown) => this.log.warn({ err }, 'queue notifier: unsubscribe failed'));
      }
    };
  }

  private wake(channel: string): void {
    for (const l of this.channels.get(channel)?.listeners ?? []) l();
  }
}
