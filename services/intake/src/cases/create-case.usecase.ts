import { createHash } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { EventTypes, type MaterialStatus } from '@onewindow/contracts';
import { addWorkingDays, chinaDate, checkCitizenId, checkUscc } from '@onewindow/domain';
import { EventPublisher, type FieldError, ProblemException } from '@onewindow/platform';
import { ulid } from 'ulid';
import { DataSource, type EntityManager } from 'typeorm';
import { CatalogRepository } from '../catalog/catalog.repository';
import { TimelineRecorder } from '../timeline/timeline.recorder';
import type { CreateCaseDto } from './cases.dto';
import { formatCaseNo } from './domain/case-number';
import { checkMaterials } from './domain/materials-check';
import { CaseEntity, IdempotencyKeyEntity } from './infrastructure/case.entities';

export interface CaseReceipt {
  id: string;
  caseNo: string;
  status: 'ACCEPTED';
  matter: { code: string; version: number; name: string };
  acceptedAt: string;
  /** 承诺办结日期 */
  promisedDate: string;
  legalLimitDays: number;
  promisedLimitDays: number;
  materials: MaterialStatus[];
}

export interface StoredAnswer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

const SCOPE = 'POST /api/v1/cases';

function idProblems(cmd: CreateCaseDto): FieldError[] {
  const errors: FieldError[] = [];
  const a = cmd.applicant;
  const problem = a.kind === 'NATURAL_PERSON' ? checkCitizenId(a.idNumber) : checkUscc(a.idNumber);
  if (problem) {
    const what = a.kind === 'NATURAL_PERSON' ? 'citizen ID (GB 11643)' : 'unified social credit code (GB 32100)';
    errors.push({ field: 'applicant.idNumber', problems: [`not a valid ${what}: ${problem}`] });
  }
  if (cmd.agent) {
    const p = checkCitizenId(cmd.agent.idNumber);
    if (p) errors.push({ field: 'agent.idNumber', problems: [`not a valid citizen ID (GB 11643): ${p}`] });
  }
  return errors;
}

/**
 * 综合受理: checks the application against the matter's current version and accepts it in one
 * transaction with its events and (when given) the Idempotency-Key's answer. On any problem nothing
 * is saved, and every missing material is listed at once.
 */
@Injectable()
export class CreateCaseUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogRepository,
    private readonly events: EventPublisher,
    private readonly timeline: TimelineRecorder,
  ) {}

  async execute(cmd: CreateCaseDto, idempotencyKey?: string): Promise<StoredAnswer<CaseReceipt>> {
    const requestHash = createHash('sha256').update(JSON.stringify(cmd)).digest('hex');
    return this.dataSource.transaction(async (m) => {
      if (idempotencyKey) {
        const stored = await this.storedAnswer(m, idempotencyKey, requestHash);
        if (stored) return stored;
      }
      const receipt = await this.accept(m, cmd);
      if (idempotencyKey) {
        await m.insert(IdempotencyKeyEntity, {
          scope: SCOPE,
          key: idempotencyKey,
          requestHash,
          responseStatus: HttpStatus.CREATED,
          responseBody: receipt,
          createdAt: new Date(),
        });
      }
      return { status: HttpStatus.CREATED, body: receipt, replayed: false };
    });
  }

  /** Waits for a concurrent request with the same key, then answers as it did. */
  private async storedAnswer(m: EntityManager, key: string, requestHash: string): Promise<StoredAnswer<CaseReceipt> | undefined> {
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${SCOPE}:${key}`]);
    const row = await m.findOneBy(IdempotencyKeyEntity, { scope: SCOPE, key });
    if (!row) return undefined;
    if (row.requestHash !== requestHash) {
      throw new ProblemException(
        'idempotency-key-reused',
        'This Idempotency-Key was used for a different request',
        HttpStatus.UNPROCESSABLE_ENTITY,
        'Use a new key for a new request; retry a request only with exactly the same body.',
      );
    }
    return { status: row.responseStatus, body: row.responseBody as CaseReceipt, replayed: true };
  }

  private async accept(m: EntityManager, cmd: CreateCaseDto): Promise<CaseReceipt> {
    const ids = idProblems(cmd);
    if (ids.length) {
      throw new ProblemException('invalid-id-number', 'An identity number is not valid', HttpStatus.UNPROCESSABLE_ENTITY, ids.map((e) => e.problems.join()).join('; '), { errors: ids });
    }
    const matter = await this.catalog.findVersion(cmd.matterCode);
    if (!matter) {
      throw new ProblemException('unknown-matter', 'No such matter in the catalogue', HttpStatus.UNPROCESSABLE_ENTITY, `matter ${cmd.matterCode} does not exist`);
    }
    const def = matter.definition;
    if (def.status === 'RETIRED') {
      throw new ProblemException('matter-retired', 'The matter is no longer handled', HttpStatus.UNPROCESSABLE_ENTITY, `matter ${def.code} was retired in version ${def.version}`);
    }
    if (!def.regionCodes.includes(cmd.regionCode)) {
      throw new ProblemException('matter-not-offered-here', 'The matter is not handled in this region', HttpStatus.UNPROCESSABLE_ENTITY, `matter ${def.code} is not offered in region ${cmd.regionCode}`, { regionCodes: def.regionCodes });
    }
    const check = checkMaterials(def.materials, cmd.materials.map((x) => x.code));
    if (check.missing.length || check.unknown.length) {
      // 一次性告知: everything missing, at once.
      throw new ProblemException(
        'materials-incomplete',
        'Materials are missing or do not belong to this matter',
        HttpStatus.UNPROCESSABLE_ENTITY,
        [
          check.missing.length ? `missing: ${check.missing.map((x) => x.name).join('、')}` : '',
          check.unknown.length ? `not part of ${def.code}: ${check.unknown.join(', ')}` : '',
        ].filter(Boolean).join('; '),
        { missing: check.missing, unknown: check.unknown },
      );
    }

    const now = new Date();
    const today = chinaDate(now);
    const counter: Array<{ last: number }> = await m.query(
      `INSERT INTO case_number_counter (region_code, day, last) VALUES ($1, $2, 1)
       ON CONFLICT (region_code, day) DO UPDATE SET last = case_number_counter.last + 1 RETURNING last`,
      [cmd.regionCode, today],
    );
    const id = ulid();
    const caseNo = formatCaseNo(cmd.regionCode, today, counter[0].last);
    const materials: MaterialStatus[] = def.materials.map((x) => ({
      code: x.code,
      name: x.name,
      required: x.required,
      provided: check.provided.includes(x.code),
    }));
    const promisedDate = addWorkingDays(today, def.promisedLimitDays);
    const applicant = { kind: cmd.applicant.kind, name: cmd.applicant.name, idNumber: cmd.applicant.idNumber, contact: { ...cmd.applicant.contact } };

    await m.insert(CaseEntity, {
      id,
      caseNo,
      matterCode: def.code,
      matterVersion: def.version,
      matterName: def.name,
      departmentCode: def.departmentCode,
      regionCode: cmd.regionCode,
      channel: cmd.channel,
      applicant,
      agent: cmd.agent ? { ...cmd.agent } : null,
      materials,
      status: 'ACCEPTED',
      clerkId: cmd.clerkId ?? null,
      legalLimitDays: def.legalLimitDays,
      promisedLimitDays: def.promisedLimitDays,
      promisedDate,
      receivedAt: now,
      acceptedAt: now,
      updatedAt: now,
    });
    const summary = {
      caseId: id,
      caseNo,
      matterCode: def.code,
      matterVersion: def.version,
      matterName: def.name,
      regionCode: cmd.regionCode,
      channel: cmd.channel,
      applicant,
    };
    const received = await this.events.publish(m, EventTypes.CaseReceived, id, { ...summary, receivedAt: now.toISOString(), materials });
    await this.timeline.record(m, received);
    const accepted = await this.events.publish(m, EventTypes.CaseAccepted, id, {
      ...summary,
      acceptedAt: now.toISOString(),
      departmentCode: def.departmentCode,
      materials,
      legalLimitDays: def.legalLimitDays,
      promisedLimitDays: def.promisedLimitDays,
      promisedDate,
    }, { id: received.id, correlationid: received.correlationid });
    await this.timeline.record(m, accepted);
    return {
      id,
      caseNo,
      status: 'ACCEPTED',
      matter: { code: def.code, version: def.version, name: def.name },
      acceptedAt: now.toISOString(),
      promisedDate,
      legalLimitDays: def.legalLimitDays,
      promisedLimitDays: def.promisedLimitDays,
      materials,
    };
  }
}
