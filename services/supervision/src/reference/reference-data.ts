import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '@onewindow/platform';
import type { SupervisionConfig } from '../config/supervision.config';
import { cityOf, type Region } from './domain/regions';

interface Department {
  code: string;
  name: string;
  regionCode: string;
}

/**
 * Names of regions and departments and the city each county belongs to, from the same seed files
 * intake loads the catalogue from (they change with the administrative divisions, not with cases).
 */
@Injectable()
export class ReferenceData {
  readonly regions: ReadonlyMap<string, Region>;
  private readonly departments: ReadonlyMap<string, Department>;

  constructor(@Inject(CONFIG) config: SupervisionConfig) {
    const dir = isAbsolute(config.SEEDS_DIR) ? config.SEEDS_DIR : resolve(process.cwd(), config.SEEDS_DIR);
    const regions = JSON.parse(readFileSync(join(dir, 'regions.json'), 'utf8')) as Region[];
    const departments = JSON.parse(readFileSync(join(dir, 'departments.json'), 'utf8')) as Department[];
    this.regions = new Map(regions.map((r) => [r.code, r]));
    this.departments = new Map(departments.map((d) => [d.code, d]));
  }

  cityOf(regionCode: string): string {
    return cityOf(regionCode, this.regions);
  }

  regionName(code: string): string {
    return this.regions.get(code)?.name ?? code;
  }

  departmentName(code: string): string {
    return this.departments.get(code)?.name ?? code;
  }
}
