import type { Admin, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { PeriodicJob } from '../scheduling/periodic-job';
import type { ServiceMetrics } from './metrics';

export interface ConsumerLagOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  deadLetterTopic: string;
  intervalMs: number;
  log: Logger;
}

/**
 * Samples the consumer group's lag per partition and the dead-letter topic's size with the Kafka
 * admin API every `intervalMs` (one admin connection, each sample bounded to 10 s). Every
 * instance samples the same group: read it with max by (topic, partition).
 */
export class ConsumerLagSampler {
  private admin?: Admin;
  private readonly job: PeriodicJob;

  constructor(
    private readonly o: ConsumerLagOptions,
    private readonly metrics: ServiceMetrics,
  ) {
    this.job = new PeriodicJob('consumer-lag sample', o.intervalMs, () => this.bounded(), o.log);
  }

  start(): void {
    this.job.start(Math.min(this.o.intervalMs, 1000));
  }

  async stop(): Promise<void> {
    await this.job.stop();
    await this.admin?.disconnect().catch(() => undefined);
  }

  private async bounded(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.sample(),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('lag sample timed out')), 10_000))),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** One sample; public so a test or an operator command can take one at once. */
  async sample(): Promise<void> {
    if (!this.admin) {
      const admin = this.o.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    const admin = this.admin;
    if (this.o.topics.length > 0) {
      const committed = await admin.fetchOffsets({ groupId: this.o.groupId, topics: this.o.topics });
      for (const t of committed) {
        const ends = await admin.fetchTopicOffsets(t.topic);
        for (const p of ends) {
          const c = t.partitions.find((x) => x.partition === p.partition);
          const at = c && Number(c.offset) >= 0 ? Number(c.offset) : Number(p.low);
          this.metrics.consumerLag.set({ topic: t.topic, partition: String(p.partition) }, Math.max(0, Number(p.high) - at));
        }
      }
    }
    const dlq = await admin.fetchTopicOffsets(this.o.deadLetterTopic).catch(() => []);
    const kept = dlq.reduce((n, p) => n + Math.max(0, Number(p.high) - Number(p.low)), 0);
    this.metrics.deadLetterTopicMessages.set({ topic: this.o.deadLetterTopic }, kept);
  }
}
