import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SigningKeyEntity } from './signing-key.entity';

@Injectable()
export class SigningKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  findActive(departmentCode: string, manager: EntityManager): Promise<SigningKeyEntity | null> {
    return manager.findOne(SigningKeyEntity, { where: { departmentCode, status: 'ACTIVE' } });
  }

  /** Row-locks the active key: a rotation and the issuing that signs with it queue here. */
  lockActive(departmentCode: string, manager: EntityManager): Promise<SigningKeyEntity | null> {
    return manager.findOne(SigningKeyEntity, {
      where: { departmentCode, status: 'ACTIVE' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  find(kid: string, manager: EntityManager = this.dataSource.manager): Promise<SigningKeyEntity | null> {
    return manager.findOne(SigningKeyEntity, { where: { kid } });
  }

  all(): Promise<SigningKeyEntity[]> {
    return this.dataSource.manager.find(SigningKeyEntity, {
      order: { departmentCode: 'ASC', validFrom: 'ASC' },
    });
  }

  /** False when another transaction made the department's active key first (the partial unique index). */
  async insertActive(key: SigningKeyEntity, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO signing_key (kid, department_code, algorithm, public_key, private_key_sealed, status, valid_from)
       VALUES ($1, $2, $3, $4, $5, 'ACTIVE', $6)
       ON CONFLICT (department_code) WHERE status = 'ACTIVE' DO NOTHING RETURNING kid`,
      [key.kid, key.departmentCode, key.algorithm, key.publicKey, key.privateKeySealed, key.validFrom],
    );
    return rows.length === 1;
  }

  async retire(kid: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.update(SigningKeyEntity, { kid }, { status: 'RETIRED', validTo: at });
  }
}
