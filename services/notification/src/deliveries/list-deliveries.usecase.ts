import { decodeCursor, encodeCursor } from '@onewindow/platform';
import { Injectable } from '@nestjs/common';
import { toDeliveryDto } from './delivery-view';
import type { DeliveryPageDto, ListDeadLettersQuery, ListDeliveriesQuery } from './dto/delivery.dto';
import { DeliveryRepository } from './infrastructure/delivery.repository';

export const DEFAULT_PAGE_SIZE = 20;

/** The delivery log, newest first. */
@Injectable()
export class ListDeliveriesUseCase {
  constructor(private readonly deliveries: DeliveryRepository) {}

  /** Dead letters are the failed deliveries: permanent refusals and exhausted retries. */
  deadLetters(query: ListDeadLettersQuery): Promise<DeliveryPageDto> {
    return this.execute({ ...query, status: 'FAILED' });
  }

  async execute(query: ListDeliveriesQuery): Promise<DeliveryPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.deliveries.list({
      caseId: query.caseId,
      status: query.status,
      channel: query.channel,
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
