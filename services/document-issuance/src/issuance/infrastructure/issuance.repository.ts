import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Matter, ResultType } from '../../matters/domain/matter';
import { SigningKeyEntity } from '../../signing/infrastructure/signing-key.entity';

/** A number in a department's register and the department's active signing key (none before its first document). */
export interface Numbering {
  sequence: number;
  activeKey: SigningKeyEntity | undefined;
}

/** What issuing a decision starts from. */
export interface IssuanceStart {
  /** The matters the case already has documents for. */
  issuedMatterCodes: Set<string>;
  /** The catalogue's entries of the matters asked for. */
  matters: Map<string, Matter>;
  /** The first document's number and key, taken only when that document is not issued yet. */
  first: Numbering | undefined;
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

function keyEntity(k: KeyRow | null): SigningKeyEntity | undefined {
  if (!k) return undefined;
  const key = new SigningKeyEntity();
  Object.assign(key, {
    kid: k.kid,
    departmentCode: k.department_code,
    algorithm: k.algorithm,
    publicKey: k.public_key,
    privateKeySealed: k.private_key_sealed,
    status: k.status,
    validFrom: new Date(k.valid_from),
    validTo: k.valid_to === null ? null : new Date(k.valid_to),
  });
  return key;
}

function matterOf(m: MatterRow): Matter {
  return {
    code: m.code,
    version: m.version,
    name: m.name,
    departmentCode: m.department_code,
    departmentName: m.department_name,
    resultType: m.result_type,
    ...(m.result_validity_months !== null ? { resultValidityMonths: m.result_validity_months } : {}),
  };
}

/** The department's active key (the department code at parameter `dept`), read as a plain SELECT reads it: no lock, as the signer always did. */
function activeKeySql(dept: string): string {
  return `(SELECT row_to_json(k) FROM signing_key k WHERE k.department_code = ${dept} AND k.status = 'ACTIVE')`;
}

/**
 * The statements of the issuing hot path that read across tables: each folds reads the use case
 * would otherwise make one round trip apiece, in the decision's transaction.
 */
@Injectable()
export class IssuanceRepository {
  /**
   * Everything issuing a decision starts from, in one statement (was one for the case's documents,
   * one per matter, one for the number and one for the key): the case's issued matter codes, the
   * catalogue's entries of `matterCodes`, and — unless the case has it already — the first
   * document's number in its department's register for the year with the department's active key.
   * The counter row stays locked until the transaction ends; a decision that issues nothing leaves
   * the register untouched, and one that fails rolls its number back with it.
   */
  async start(
    caseId: string,
    matterCodes: readonly string[],
    first: { matterCode: string; departmentCode: string; year: number },
    manager: EntityManager,
  ): Promise<IssuanceStart> {
    const rows: Array<{ issued: string[]; matters: MatterRow[]; last_value: number | null; key: KeyRow | null }> =
      await manager.query(
        `WITH counter AS (
           INSERT INTO document_number_counter (department_code, year, last_value)
           SELECT $3, $4, 1 WHERE NOT EXISTS (SELECT 1 FROM document WHERE case_id = $1 AND matter_code = $5)
           ON CONFLICT (department_code, year) DO UPDATE SET last_value = document_number_counter.last_value + 1
           RETURNING last_value)
         SELECT ARRAY(SELECT matter_code FROM document WHERE case_id = $1) AS issued,
                (SELECT coalesce(json_agg(m), '[]') FROM (
                   SELECT code, version, name, department_code, department_name, result_type, result_validity_months
                     FROM matter WHERE code = ANY ($2::text[])) m) AS matters,
                (SELECT last_value FROM counter) AS last_value,
                ${activeKeySql('$3')} AS key`,
        [caseId, [...new Set(matterCodes)], first.departmentCode, first.year, first.matterCode],
      );
    const r = rows[0];
    return {
      issuedMatterCodes: new Set(r.issued),
      matters: new Map(r.matters.map((m) => [m.code, matterOf(m)])),
      first: r.last_value === null ? undefined : { sequence: Number(r.last_value), activeKey: keyEntity(r.key) },
    };
  }

  /** The next number in the department's register and its active key, in one statement (a bundle's further documents). */
  async nextNumberAndActiveKey(departmentCode: string, year: number, manager: EntityManager): Promise<Numbering> {
    const rows: Array<{ last_value: number; key: KeyRow | null }> = await manager.query(
      `WITH counter AS (
         INSERT INTO document_number_counter (department_code, year, last_value) VALUES ($1, $2, 1)
         ON CONFLICT (department_code, year) DO UPDATE SET last_value = document_number_counter.last_value + 1
         RETURNING last_value)
       SELECT counter.last_value, ${activeKeySql('$1')} AS key FROM counter`,
      [departmentCode, year],
    );
    return { sequence: Number(rows[0].last_value), activeKey: keyEntity(rows[0].key) };
  }
}
