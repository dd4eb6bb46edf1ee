import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { BundleVersionEntity, DepartmentEntity, MatterVersionEntity, RegionEntity } from './infrastructure/catalog.entities';

export interface MatterQuery {
  q?: string;
  departmentCode?: string;
  limit: number;
  after?: string;
}

@Injectable()
export class CatalogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The latest version of each matter, by code, with keyset pagination. */
  async listLatest(query: MatterQuery): Promise<MatterVersionEntity[]> {
    const qb = this.dataSource
      .getRepository(MatterVersionEntity)
      .createQueryBuilder('m')
      .distinctOn(['m.code'])
      .orderBy('m.code')
      .addOrderBy('m.version', 'DESC')
      .limit(query.limit);
    if (query.after) qb.andWhere('m.code > :after', { after: query.after });
    if (query.departmentCode) qb.andWhere('m.department_code = :dept', { dept: query.departmentCode });
    if (query.q) qb.andWhere('(m.name ILIKE :q OR m.code ILIKE :q)', { q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%` });
    return qb.getMany();
  }

  /**
   * Inside a transaction, pass its manager: a second pool connection per transaction deadlocks the
   * pool once as many requests as it has connections wait for that second one.
   */
  findVersion(code: string, version?: number, manager: EntityManager = this.dataSource.manager): Promise<MatterVersionEntity | null> {
    return manager
      .getRepository(MatterVersionEntity)
      .findOne({ where: version ? { code, version } : { code }, order: { version: 'DESC' } });
  }

  /** The latest version of every bundle (一件事), by code. There are few: no pagination. */
  listBundles(): Promise<BundleVersionEntity[]> {
    return this.dataSource
      .getRepository(BundleVersionEntity)
      .createQueryBuilder('b')
      .distinctOn(['b.code'])
      .orderBy('b.code')
      .addOrderBy('b.version', 'DESC')
      .getMany();
  }

  findBundle(code: string, version?: number, manager: EntityManager = this.dataSource.manager): Promise<BundleVersionEntity | null> {
    return manager
      .getRepository(BundleVersionEntity)
      .findOne({ where: version ? { code, version } : { code }, order: { version: 'DESC' } });
  }

  departments(): Promise<DepartmentEntity[]> {
    return this.dataSource.getRepository(DepartmentEntity).find({ order: { code: 'ASC' } });
  }

  regions(): Promise<RegionEntity[]> {
    return this.dataSource.getRepository(RegionEntity).find({ order: { code: 'ASC' } });
  }
}
