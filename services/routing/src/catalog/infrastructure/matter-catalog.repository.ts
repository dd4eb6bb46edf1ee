import { Injectable } from '@nestjs/common';
import type { MatterPublished } from '@onewindow/contracts';
import type { EntityManager } from 'typeorm';
import type { MatterVersion } from '../domain/matter-version';
import { MatterVersionEntity } from './matter-version.entity';

function toDomain(e: MatterVersionEntity): MatterVersion {
  return {
    code: e.code,
    version: e.version,
    name: e.name,
    departmentCode: e.departmentCode,
    coDepartmentCodes: e.coDepartmentCodes,
    legalLimitDays: e.legalLimitDays,
    promisedLimitDays: e.promisedLimitDays,
    status: e.status,
  };
}

@Injectable()
export class MatterCatalogRepository {
  /**
   * Stores a published version. A re-publication of the same version replaces it unless it is older
   * than what is stored (a replay of the compacted topic must not roll a correction back).
   */
  async upsert(tx: EntityManager, m: MatterPublished): Promise<'stored' | 'stale'> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO matter_version AS mv (code, version, name, department_code, department_name, co_department_codes,
         kind, level, legal_limit_days, promised_limit_days, status, published_at, definition)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (code, version) DO UPDATE SET
         name = EXCLUDED.name, department_code = EXCLUDED.department_code, department_name = EXCLUDED.department_name,
         co_department_codes = EXCLUDED.co_department_codes, kind = EXCLUDED.kind, level = EXCLUDED.level,
         legal_limit_days = EXCLUDED.legal_limit_days, promised_limit_days = EXCLUDED.promised_limit_days,
         status = EXCLUDED.status, published_at = EXCLUDED.published_at, definition = EXCLUDED.definition, updated_at = now()
       WHERE mv.published_at <= EXCLUDED.published_at
       RETURNING code`,
      [
        m.code,
        m.version,
        m.name,
        m.departmentCode,
        m.departmentName,
        m.coDepartmentCodes,
        m.kind,
        m.level,
        m.legalLimitDays,
        m.promisedLimitDays,
        m.status,
        m.publishedAt,
        JSON.stringify(m),
      ],
    );
    return rows.length > 0 ? 'stored' : 'stale';
  }

  async find(tx: EntityManager, code: string, version: number): Promise<MatterVersion | undefined> {
    const e = await tx.getRepository(MatterVersionEntity).findOneBy({ code, version });
    return e ? toDomain(e) : undefined;
  }

  async versionsOf(tx: EntityManager, code: string): Promise<number[]> {
    const rows = await tx
      .getRepository(MatterVersionEntity)
      .find({ select: { version: true }, where: { code } });
    return rows.map((r) => r.version);
  }
}
