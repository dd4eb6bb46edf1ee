import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { chooseMatterVersion, type MatterVersion } from './domain/matter-version';
import { MatterCatalogRepository } from './infrastructure/matter-catalog.repository';

export interface ResolvedMatter {
  matter: MatterVersion;
  /** True when the requested version is gone from the catalogue and a newer one stands in. */
  substituted: boolean;
}

/** The matter version a case is routed by, read from routing's own copy of the catalogue. */
@Injectable()
export class ResolveMatterUseCase {
  constructor(private readonly matters: MatterCatalogRepository) {}

  async execute(tx: EntityManager, code: string, version: number): Promise<ResolvedMatter | undefined> {
    const exact = await this.matters.find(tx, code, version);
    if (exact) return { matter: exact, substituted: false };
    const choice = chooseMatterVersion(version, await this.matters.versionsOf(tx, code));
    if (choice.kind === 'unknown') return undefined;
    const matter = await this.matters.find(tx, code, choice.version);
    return matter ? { matter, substituted: choice.kind === 'superseded' } : undefined;
  }
}
