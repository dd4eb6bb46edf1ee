import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { EventTypes } from '@onewindow/contracts';
import { CONFIG, EventPublisher, LOGGER, PeriodicJob } from '@onewindow/platform';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { DepartmentalApprovalConfig } from '../config/departmental-approval.config';
import { expireLease } from './domain/task-moves';
import { type NewQueueEvent, snapshotOf, SYSTEM_ACTOR } from './domain/task-snapshot';
import { ApprovalTaskRepository } from './infrastructure/approval-task.repository';
import { QueueEventLog } from './infrastructure/queue-event-log';
import { QueueNotifier } from './infrastructure/queue-notifier';

const BATCH = 100;

/**
 * Returns claims whose lease ran out to the queue: RELEASED queue event and `task.released`
 * (cause LEASE_EXPIRED). The leases live in PostgreSQL, so a restart loses none; every instance
 * sweeps, and SKIP LOCKED plus the re-check on the locked row make each expiry handled exactly once.
 * Until the sweep comes by, an expired claim already reads as PENDING and can be claimed.
 */
@Injectable()
export class LeaseSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: ApprovalTaskRepository,
    private readonly queueLog: QueueEventLog,
    private readonly events: EventPublisher,
    private readonly notifier: QueueNotifier,
    @Inject(CONFIG) config: DepartmentalApprovalConfig,
    @Inject(LOGGER) log: Logger,
  ) {
    this.job = new PeriodicJob('lease sweep', config.LEASE_SWEEP_INTERVAL_MS, () => this.sweepAll(), log);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  private async sweepAll(): Promise<void> {
    while (!this.job.stopping && (await this.sweep(new Date())) === BATCH);
  }

  /** One batch; returns how many claims it returned to the queue. */
  async sweep(now: Date): Promise<number> {
    const departments = new Set<string>();
    const count = await this.dataSource.transaction(async (m) => {
      const expired = await this.tasks.expiredLeasesForUpdate(m, now, BATCH);
      const queued: NewQueueEvent[] = [];
      for (const task of expired) {
        const released = expireLease(task, now);
        if (!released) continue;
        await this.tasks.save(m, released);
        const published = await this.events.publish(m, EventTypes.TaskReleased, task.caseId, {
          taskId: task.id,
          caseId: task.caseId,
          caseNo: task.caseNo,
          departmentCode: task.departmentCode,
          officerId: task.claimedBy!,
          cause: 'LEASE_EXPIRED',
          releasedAt: now.toISOString(),
        });
        queued.push({
          departmentCode: task.departmentCode,
          taskId: task.id,
          eventId: published.id,
          eventType: published.type,
          kind: 'RELEASED',
          actor: SYSTEM_ACTOR,
          note: 'lease expired',
          occurredAt: now,
          task: snapshotOf(released, now),
        });
        departments.add(task.departmentCode);
      }
      await this.queueLog.append(m, queued);
      return expired.length;
    });
    if (departments.size) void this.notifier.announce([...departments]);
    return count;
  }
}
