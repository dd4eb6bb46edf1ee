import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BundleDefinition } from './domain/bundle-definition';
import type { MatterDefinition } from './domain/matter-definition';
import { DepartmentEntity, RegionEntity } from './infrastructure/catalog.entities';
import { PublishBundleUseCase } from './publish-bundle.usecase';
import { PublishMatterUseCase } from './publish-matter.usecase';

export interface SeedReport {
  regions: number;
  departments: number;
  matters: { published: number; unchanged: number };
  bundles: { published: number; unchanged: number };
}

/** Loads seeds/ (regions, departments, matters, bundles). Idempotent: run it as often as you like. */
@Injectable()
export class SeedCatalogUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly publishMatter: PublishMatterUseCase,
    private readonly publishBundle: PublishBundleUseCase,
  ) {}

  async execute(dir: string, progress: (line: string) => void = () => undefined): Promise<SeedReport> {
    const read = async <T>(file: string): Promise<T> => JSON.parse(await readFile(join(dir, file), 'utf8')) as T;
    const regions = await read<Array<{ code: string; name: string; level: string; parentCode: string | null }>>('regions.json');
    const departments = await read<Array<{ code: string; name: string; regionCode: string }>>('departments.json');
    const matters = await read<MatterDefinition[]>('matters.json');
    const bundles = await read<BundleDefinition[]>('bundles.json');

    // Parents before children, so the foreign key holds.
    const depth = (code: string | null): number => (code ? 1 + depth(regions.find((r) => r.code === code)?.parentCode ?? null) : 0);
    const ordered = [...regions].sort((a, b) => depth(a.code) - depth(b.code));
    await this.dataSource.getRepository(RegionEntity).upsert(ordered, ['code']);
    progress(`regions      ${regions.length}/${regions.length}`);
    await this.dataSource.getRepository(DepartmentEntity).upsert(departments, ['code']);
    progress(`departments  ${departments.length}/${departments.length}`);

    // Matters before bundles: a bundle names matters that must already be in the catalogue.
    const publishAll = async <T>(label: string, items: T[], publish: (item: T) => Promise<{ changed: boolean }>) => {
      const counts = { published: 0, unchanged: 0 };
      for (const [i, item] of items.entries()) {
        if ((await publish(item)).changed) counts.published++;
        else counts.unchanged++;
        if ((i + 1) % 5 === 0 || i + 1 === items.length) {
          progress(`${label.padEnd(12)} ${i + 1}/${items.length} (${counts.published} published, ${counts.unchanged} unchanged)`);
        }
      }
      return counts;
    };
    const matterCounts = await publishAll('matters', matters, (m) => this.publishMatter.execute(m));
    const bundleCounts = await publishAll('bundles', bundles, (b) => this.publishBundle.execute(b));
    return { regions: regions.length, departments: departments.length, matters: matterCounts, bundles: bundleCounts };
  }
}
