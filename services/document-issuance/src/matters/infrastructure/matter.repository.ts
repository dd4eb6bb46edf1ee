import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Matter } from '../domain/matter';
import { MatterEntity } from './matter.entity';

function toDomain(e: MatterEntity): Matter {
  return {
    code: e.code,
    version: e.version,
    name: e.name,
    departmentCode: e.departmentCode,
    departmentName: e.departmentName,
    resultType: e.resultType,
    ...(e.resultValidityMonths !== null ? { resultValidityMonths: e.resultValidityMonths } : {}),
  };
}

@Injectable()
export class MatterRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(code: string, manager: EntityManager = this.dataSource.manager): Promise<Matter | undefined> {
    const e = await manager.findOne(MatterEntity, { where: { code } });
    return e ? toDomain(e) : undefined;
  }

  async save(matter: Matter & { status: string; publishedAt: Date }, manager: EntityManager): Promise<void> {
    await manager.upsert(
      MatterEntity,
      {
        code: matter.code,
        version: matter.version,
        name: matter.name,
        departmentCode: matter.departmentCode,
        departmentName: matter.departmentName,
        resultType: matter.resultType,
        resultValidityMonths: matter.resultValidityMonths ?? null,
        status: matter.status,
        publishedAt: matter.publishedAt,
        updatedAt: new Date(),
      },
      ['code'],
    );
  }
}
