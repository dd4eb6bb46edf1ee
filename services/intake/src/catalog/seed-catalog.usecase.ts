import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MatterDefinition } from './domain/matter-definition';
import { DepartmentEntity, RegionEntity } from './infrastructure/catalog.entities';
import { PublishMatterUseCase } from './publish-matter.usecase';

export interface SeedReport {
  regions: number;
  departments: number;
  matters: { published: number; unchanged: number };
}

/** Loads seeds/ (regions, departments, matters). Idempotent: run it as often as you like. */
@Injectable()
export class SeedCatalogUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly publishMatter: PublishMatterUseCase,
  ) {}

  async execute(dir: string, progress: (line: string) => void = () => undefined): Promise<SeedReport> {
    const read = async <T>(file: string): Promise<T> => JSON.parse(await readFile(join(dir, file), 'utf8')) as T;
    const regions = await read<Array<{ code: string; name: string; level: string; parentCode: string | null }>>('regions.json');
    const departments = await read<Array<{ code: string; name: string; regionCode: string }>>('departments.json');
    const matters = await read<MatterDefinition[]>('matters.json');

    // Parents before children, so the foreign key holds.
    const depth = (code: string | null): number => (code ? 1 + depth(regions.find((r) => r.code === code)?.parentCode ?? null) : 0);
    const ordered = [...regions].sort((a, b) => depth(a.code) - depth(b.code));
    await this.dataSource.getRepository(RegionEntity).upsert(ordered, ['code']);
    progress(`regions      ${regions.length}/${regions.length}`);
    await this.dataSource.getRepository(DepartmentEntity).upsert(departments, ['code']);
    progress(`departments  ${departments.length}/${departments.length}`);

    let published = 0;
    let unchanged = 0;
    for (const [i, m] of matters.entries()) {
      const r = await this.publishMatter.execute(m);
      if (r.changed) published++;
      else unchanged++;
      if ((i + 1) % 5 === 0 || i + 1 === matters.length) {
        progress(`matters      ${i + 1}/${matters.length} (${published} published, ${unchanged} unchanged)`);
      }
    }
    return { regions: regions.length, departments: departments.length, matters: { published, unchanged } };
  }
}
