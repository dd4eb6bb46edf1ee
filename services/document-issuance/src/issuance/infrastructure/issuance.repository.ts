import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Matter, ResultType } from '../../matters/domain/matter';
import { SigningKeyEntity } from '../../signing/infrastructure/signing-key.entity';

/** What issuing a decision starts from: the matters it already has documents for, and the catalogue's matters. */
export interface IssuanceLookup {
  issuedMatterCodes: Set<string>;
  matters: Map<string, Matter>;
}

interface MatterRow {
  code: string;
  version: number;
  name: string;
  department_code: string;
  department_name: string;
  result_type: ResultType;
  result_validity_months: number | null;
}

interface KeyRow {
  kid: string;
  department_code: string;
  algorithm: 'Ed25519';
  public_key: string;
  private_key_sealed: string;
  status: 'ACTIVE' | 'RETIRED';
  valid_from: string;
  valid_to: string | null;
}

/**
 * The statements of the issuing hot path that read across tables: each folds reads the use case
 * would otherwise make one round trip apiece, in the decision's transaction.
 */
@Injectable()
export class IssuanceRepository {
  /**
   * The case's issued matter codes and the catalogue entries of `matterCodes`, in one statement (was
   * one for the documents and one per matter). Only the matter codes of the documents are read.
   */
  async lookup(caseId: string, matterCodes: readonly string[], manager: EntityManager): Promise<IssuanceLookup> {
    const rows: Array<{ issued: string[]; matters: MatterRow[] }> = await manager.query(
      `SELECT ARRAY(SELECT matter_code FROM document WHERE case_id = $1) AS issued,
              (SELECT coalesce(json_agg(m), '[]') FROM (
                 SELECT code, version, name, department_code, department_name, result_type, result_validity_months
                   FROM matter WHERE code = ANY ($2::text[])) m) AS matters`,
      [caseId, [...new Set(matterCodes)]],
    );
    const matters = new Map<string, Matter>();
    for (const m of rows[0].matters) {
      matters.set(m.code, {
        code: m.code,
        version: m.version,
        name: m.name,
        departmentCode: m.department_code,
        departmentName: m.department_name,
        resultType: m.result_type,
        ...(m.result_validity_months !== null ? { resultValidityMonths: m.result_validity_months } : {}),
      });
    }
    return { issuedMatterCodes: new Set(rows[0].issued), matters };
  }

  /**
   * The next number in the department's register for the year, and the department's active signing
   * key, in one statement (was two). The counter row stays locked until the transaction commits, so
   * numbers are unique and without gaps; the key is read as a plain SELECT reads it (no lock), as
   * before. `activeKey` is undefined when the department has none yet (its first document makes it).
   */
  async nextNumberAndActiveKey(
    departmentCode: string,
    year: number,
    manager: EntityManager,
  ): Promise<{ sequence: number; activeKey: SigningKeyEntity | undefined }> {
    const rows: Array<{ last_value: number; key: KeyRow | null }> = await manager.query(
      `WITH counter AS (
         INSERT INTO document_number_counter (department_code, year, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (department_code, year) DO UPDATE SET last_value = document_number_counter.last_value + 1
         RETURNING last_value)
       SELECT counter.last_value,
              (SELECT row_to_json(k) FROM signing_key k WHERE k.department_code = $1 AND k.status = 'ACTIVE') AS key
         FROM counter`,
      [departmentCode, year],
    );
    const k = rows[0].key;
    let activeKey: SigningKeyEntity | undefined;
    if (k) {
      activeKey = new SigningKeyEntity();
      Object.assign(activeKey, {
        kid: k.kid,
        departmentCode: k.department_code,
        algorithm: k.algorithm,
        publicKey: k.public_key,
        privateKeySealed: k.private_key_sealed,
        status: k.status,
        validFrom: new Date(k.valid_from),
        validTo: k.valid_to === null ? null : new Date(k.valid_to),
      });
    }
    return { sequence: Number(rows[0].last_value), activeKey };
  }
}
