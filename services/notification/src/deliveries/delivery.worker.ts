import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CONFIG, LOGGER } from '@onewindow/platform';
import type { Logger } from 'pino';
import type { NotificationConfig } from '../config/notification.config';
import { DeliverySignal } from './delivery-signal';
import type { ClaimedDelivery } from './domain/delivery';
import { DeliveryRepository } from './infrastructure/delivery.repository';
import { SendDeliveryUseCase } from './send-delivery.usecase';

/**
 * Sends due deliveries, up to DELIVERY_CONCURRENCY at a time. Each send runs on its own, so a
 * slow or unreachable subscriber holds one slot for at most its timeout and never the others.
 * Several instances share the work through the claims in the database.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running = false;
  private loop?: Promise<void>;
  private readonly inFlight = new Set<Promise<void>>();
  /** Sends under way per recipient (address or URL). */
  private readonly perRecipient = new Map<string, number>();
  /**
   * Whether the last claim may have left due deliveries behind for want of a slot: it filled every
   * free slot, or a recipient is at its cap. Only then does a finished send wake the loop to claim
   * again; otherwise every finished send cost a claim that found nothing, and whatever becomes due
   * later (a retry) is found by the poll as before.
   */
  private leftBehind = false;

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly sendDelivery: SendDeliveryUseCase,
    private readonly signal: DeliverySignal,
    @Inject(CONFIG) private readonly config: NotificationConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Before the database closes: no new claims, and the sends under way finish and record their outcome. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.signal.notify();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      const free = this.config.DELIVERY_CONCURRENCY - this.inFlight.size;
      let claimed = 0;
      if (free > 0) {
        try {
          const batch = await this.deliveries.claimDue(
            free,
            this.perRecipient,
            this.config.DELIVERY_CONCURRENCY_PER_RECIPIENT,
            this.config.DELIVERY_LEASE_MS,
          );
          claimed = batch.length;
          failures = 0;
          for (const d of batch) this.track(d);
          const cap = this.config.DELIVERY_CONCURRENCY_PER_RECIPIENT;
          this.leftBehind = claimed === free || [...this.perRecipient.values()].some((n) => n >= cap);
        } catch (err) {
          failures++;
          this.log.error({ err }, 'could not claim deliveries; retrying');
        }
      }
      if (!this.running) break;
      // A full batch may mean more are due: look again at once while there is room.
      if (claimed > 0 && claimed === free) continue;
      const pause =
        failures > 0
          ? Math.min(30_000, this.config.DELIVERY_POLL_INTERVAL_MS * 2 ** failures)
          : this.config.DELIVERY_POLL_INTERVAL_MS;
      await this.signal.wait(pause);
    }
  }

  private track(d: ClaimedDelivery): void {
    this.perRecipient.set(d.recipient, (this.perRecipient.get(d.recipient) ?? 0) + 1);
    const p = this.sendDelivery
      .execute(d)
      .catch((err: unknown) =>
        this.log.error(
          { err, deliveryId: d.id },
          'delivery attempt could not be recorded; the lease will hand it out again',
        ),
      )
      .finally(() => {
        this.inFlight.delete(p);
        const left = (this.perRecipient.get(d.recipient) ?? 1) - 1;
        if (left > 0) this.perRecipient.set(d.recipient, left);
        else this.perRecipient.delete(d.recipient);
        // A slot is free again: worth a claim only when the last one may have left something behind.
        if (this.leftBehind) this.signal.notify();
      });
    this.inFlight.add(p);
  }
}
