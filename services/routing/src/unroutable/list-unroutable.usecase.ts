import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnroutableQueueRepository } from '../dispatch/infrastructure/unroutable-queue.repository';
import type { UnroutablePage } from './unroutable.dto';

/** The operators' unroutable queue. */
@Injectable()
export class ListUnroutableUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: UnroutableQueueRepository,
  ) {}

  async execute(opts: { includeRouted: boolean; limit: number }): Promise<UnroutablePage> {
    return { items: await this.queue.list(this.dataSource.manager, opts) };
  }
}
