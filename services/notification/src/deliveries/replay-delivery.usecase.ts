import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { LOGGER, ProblemException } from '@onewindow/platform';
import type { Logger } from 'pino';
import { DeliverySignal } from './delivery-signal';
import { toDeliveryDto } from './delivery-view';
import type { DeliveryDto } from './dto/delivery.dto';
import { DeliveryRepository } from './infrastructure/delivery.repository';

/**
 * An operator sends a dead letter again: PENDING, attempts reset, one more round of sending.
 * Repeating the request while it is still pending changes nothing (no second send).
 */
@Injectable()
export class ReplayDeliveryUseCase {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly signal: DeliverySignal,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async execute(id: string): Promise<DeliveryDto> {
    const outcome = await this.deliveries.replay(id);
    if (outcome === 'not-found') throw ProblemException.notFound('delivery', id);
    if (outcome === 'not-failed')
      throw new ProblemException(
        'delivery-not-failed',
        'Only a failed delivery can be replayed',
        HttpStatus.CONFLICT,
        `delivery ${id} has not failed`,
      );
    if (outcome === 'replayed') {
      this.log.info({ deliveryId: id }, 'dead letter replayed by an operator');
      this.signal.notify();
    }
    const d = await this.deliveries.findById(id);
    if (!d) throw ProblemException.notFound('delivery', id);
    return toDeliveryDto(d);
  }
}
