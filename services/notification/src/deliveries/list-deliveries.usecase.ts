import { decodeCursor, encodeCursor } from '@onewindow/platform';
import { Injectable } from '@nestjs/common';
import { toDeliveryDto } from './delivery-view';
import type { DeliveryPageDto, ListDeliveriesQuery } from './dto/delivery.dto';
import { DeliveryRepository } from './infrastructure/delivery.repository';

export const DEFAULT_PAGE_SIZE = 20;

/** The delivery log, newest first. */
@Injectable()
export class ListDeliveriesUseCase {
  constructor(private readonly deliveries: DeliveryRepository) {}

  async execute(query: ListDeliveriesQuery): Promise<DeliveryPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.deliveries.list({
      caseId: query.caseId,
      status: query.status,
      beforeId: decodeCursor(query.cursor),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map(toDeliveryDto),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].id) : null,
    };
  }
}
