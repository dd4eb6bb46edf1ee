import { Injectable } from '@nestjs/common';
import type { BundlePublished } from '@onewindow/contracts';
import type { EntityManager } from 'typeorm';

/** Routing's read model of bundles (一件事), from `catalog.bundle-published`. */
@Injectable()
export class BundleCatalogRepository {
  /** Stores a published version; a replay never rolls a newer publication of the same version back. */
  async upsert(tx: EntityManager, b: BundlePublished): Promise<'stored' | 'stale'> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO bundle_version AS bv (code, version, status, published_at, definition) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code, version) DO UPDATE SET status = EXCLUDED.status, published_at = EXCLUDED.published_at,
         definition = EXCLUDED.definition
       WHERE bv.published_at <= EXCLUDED.published_at
       RETURNING code`,
      [b.code, b.version, b.status, b.publishedAt, JSON.stringify(b)],
    );
    return rows.length > 0 ? 'stored' : 'stale';
  }

  /** The bundle a case names: its own version, or the nearest newer one when that was compacted away. */
  async find(tx: EntityManager, code: string, version: number): Promise<BundlePublished | undefined> {
    const rows: Array<{ definition: BundlePublished }> = await tx.query(
      `SELECT definition FROM bundle_version WHERE code = $1 AND version >= $2 ORDER BY version ASC LIMIT 1`,
      [code, version],
    );
    return rows[0]?.definition;
  }

  async isBundle(tx: EntityManager, code: string): Promise<boolean> {
    const rows: unknown[] = await tx.query('SELECT 1 FROM bundle_version WHERE code = $1 LIMIT 1', [code]);
    return rows.length > 0;
  }
}
