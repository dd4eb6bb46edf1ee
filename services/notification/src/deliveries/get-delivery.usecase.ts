import { Injectable } from '@nestjs/common';
import { ProblemException } from '@onewindow/platform';
import { toDeliveryDto } from './delivery-view';
import type { DeliveryDto } from './dto/delivery.dto';
import { DeliveryRepository } from './infrastructure/delivery.repository';

@Injectable()
export class GetDeliveryUseCase {
  constructor(private readonly deliveries: DeliveryRepository) {}

  async execute(id: string): Promise<DeliveryDto> {
    const d = await this.deliveries.findById(id);
    if (!d) throw ProblemException.notFound('delivery', id);
    return toDeliveryDto(d);
  }
}
