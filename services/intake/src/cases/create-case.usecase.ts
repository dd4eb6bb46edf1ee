import { HttpStatus, Injectable } from '@nestjs/common';
import { type CaseBundle, EventTypes, type MaterialStatus } from '@onewindow/contracts';
import { addWorkingDays, chinaDate, checkCitizenId, checkUscc } from '@onewindow/domain';
import { type FieldError, ProblemException } from '@onewindow/platform';
import { ulid } from 'ulid';
import type { EntityManager } from 'typeorm';
import { registrationPlace } from './case-access';
import { CaseEvents } from './case-events';
import { CaseForms } from './case-form';
import { CaseMaterials } from './case-materials';
import type { CreateCaseDto } from './cases.dto';
import { formatCaseNo } from './domain/case-number';
import type { MaterialCheck } from './domain/materials-check';
import { buildSupplementNotice, type SupplementNotice } from './domain/supplement-notice';
import { CaseEntity } from './infrastructure/case.entities';
import { personalDataCipher } from './infrastructure/personal-data';
import { IdempotentCommands, type StoredAnswer } from './infrastructure/idempotent-commands';

/** 受理回执, or — when materials are missing — the case number with its one-time notice. */
export interface CaseReceipt {
  id: string;
  caseNo: string;
  /** IN_REVIEW: a supplement a department asked for was taken (补正 during review); SUSPENDED: taken while another department's special procedure runs. */
  status: 'ACCEPTED' | 'SUPPLEMENT_REQUIRED' | 'IN_REVIEW' | 'SUSPENDED';
  matter: { code: string; version: number; name: string };
  /** 一件事: the bundle's matters, when the case is for a bundle (matter then names the bundle). */
  bundle?: CaseBundle;
  receivedAt: string;
  acceptedAt?: string;
  /** 承诺办结日期; absent while the case waits for a supplement. */
  promisedDate?: string;
  legalLimitDays: number;
  promisedLimitDays: number;
  materials: MaterialStatus[];
  /** 一次性告知: present when the case waits for a supplement. */
  supplementNotice?: SupplementNotice;
}

export type { StoredAnswer };

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

export function unknownMaterialsProblem(matterCode: string, check: MaterialCheck): ProblemException {
  return new ProblemException(
    'unknown-materials',
    'Some materials do not belong to this matter (bundle)',
    HttpStatus.UNPROCESSABLE_ENTITY,
    `not part of ${matterCode}: ${check.unknown.join(', ')}`,
    { unknown: check.unknown, missing: check.missing },
  );
}

/**
 * 综合受理: checks the application against the matter's current version in one transaction with its
 * events and (when given) the Idempotency-Key's answer. Complete (with what issued documents already
 * provide) → ACCEPTED with a receipt. Required materials missing → the case is registered as
 * SUPPLEMENT_REQUIRED with a one-time notice listing every one of them. Bad input → a problem, nothing saved.
 */
@Injectable()
export class CreateCaseUseCase {
  constructor(
    private readonly commands: IdempotentCommands,
    private readonly forms: CaseForms,
    private readonly materials: CaseMaterials,
    private readonly caseEvents: CaseEvents,
  ) {}

  execute(cmd: CreateCaseDto, idempotencyKey?: string): Promise<StoredAnswer<CaseReceipt>> {
    return this.commands.run(SCOPE, idempotencyKey, cmd, HttpStatus.CREATED, (m) => this.register(m, cmd));
  }

  /** Registers the case in the caller's transaction (create-with-files adds its files to the same one). */
  async register(m: EntityManager, cmd: CreateCaseDto): Promise<CaseReceipt> {
    const ids = idProblems(cmd);
    if (ids.length) {
      throw new ProblemException('invalid-id-number', 'An identity number is not valid', HttpStatus.UNPROCESSABLE_ENTITY, ids.map((e) => e.problems.join()).join('; '), { errors: ids });
    }
    const place = registrationPlace(cmd.regionCode);
    // A bundle (一件事) is checked as one form: the union of its matters' materials.
    const def = await this.forms.current(m, cmd, cmd.regionCode);
    const now = new Date();
    const today = chinaDate(now);
    const { check, statuses } = await this.materials.check(m, def, cmd.applicant.idNumber, cmd.materials.map((x) => x.code), today);
    if (check.unknown.length) throw unknownMaterialsProblem(def.code, check);
    const complete = check.missing.length === 0;

    const counter: Array<{ last: number }> = await m.query(
      `INSERT INTO case_number_counter (region_code, day, last) VALUES ($1, $2, 1)
       ON CONFLICT (region_code, day) DO UPDATE SET last = case_number_counter.last + 1 RETURNING last`,
      [cmd.regionCode, today],
    );
    const c = new CaseEntity();
    Object.assign(c, {
      id: ulid(),
      caseNo: formatCaseNo(cmd.regionCode, today, counter[0].last),
      matterCode: def.code,
      matterVersion: def.version,
      matterName: def.name,
      departmentCode: def.departmentCode,
      bundle: def.bundle ?? null,
      regionCode: cmd.regionCode,
      channel: cmd.channel,
      applicant: { kind: cmd.applicant.kind, name: cmd.applicant.name, idNumber: cmd.applicant.idNumber, contact: { ...cmd.applicant.contact } },
      applicantKey: personalDataCipher().blindIndex(cmd.applicant.idNumber),
      agent: cmd.agent ? { ...cmd.agent } : null,
      materials: statuses,
      status: complete ? 'ACCEPTED' : 'SUPPLEMENT_REQUIRED',
      clerkId: place.clerkId,
      serviceCentre: place.serviceCentre,
      legalLimitDays: def.legalLimitDays,
      promisedLimitDays: def.promisedLimitDays,
      promisedDate: complete ? addWorkingDays(today, def.promisedLimitDays) : null,
      receivedAt: now,
      acceptedAt: complete ? now : null,
      updatedAt: now,
      closure: null,
      supplementNotice: null,
    } satisfies Partial<CaseEntity>);
    if (!complete) {
      c.supplementNotice = buildSupplementNotice({
        caseId: c.id,
        caseNo: c.caseNo,
        matter: { code: def.code, version: def.version, name: def.name, departmentName: def.departmentName },
        regionCode: c.regionCode,
        applicantName: c.applicant.name,
        missing: check.missing,
        issuedAt: now.toISOString(),
        ...(place.clerkId ? { clerkId: place.clerkId } : {}),
      });
    }
    const received = this.caseEvents.first(1, EventTypes.CaseReceived, c, {
      ...this.caseEvents.summary(c),
      receivedAt: now.toISOString(),
      materials: statuses,
      ...(c.agent ? { agent: c.agent } : {}),
    });
    const cause = { id: received.id, correlationid: received.correlationid };
    const next = complete
      ? this.caseEvents.first(2, EventTypes.CaseAccepted, c, this.caseEvents.accepted(c, def.departmentCode), cause)
      : this.caseEvents.first(2, EventTypes.CaseSupplementRequired, c, {
          caseId: c.id,
          caseNo: c.caseNo,
          missing: (c.supplementNotice as SupplementNotice).missing.map((x) => ({ code: x.code, name: x.name, problem: x.problem })),
          requestedAt: now.toISOString(),
        }, cause);
    // The case row as TypeORM writes it (its encrypted columns included), run in the events' statement.
    const [sql, params] = m.createQueryBuilder().insert().into(CaseEntity).values(c).getQueryAndParameters();
    await this.caseEvents.publishFirst(m, [received, next], { sql, params });
    return receiptOf(c);
  }
}

export function receiptOf(c: CaseEntity): CaseReceipt {
  return {
    id: c.id,
    caseNo: c.caseNo,
    status: c.status === 'ACCEPTED' || c.status === 'IN_REVIEW' || c.status === 'SUSPENDED' ? c.status : 'SUPPLEMENT_REQUIRED',
    matter: { code: c.matterCode, version: c.matterVersion, name: c.matterName },
    ...(c.bundle ? { bundle: c.bundle } : {}),
    receivedAt: c.receivedAt.toISOString(),
    ...(c.acceptedAt ? { acceptedAt: c.acceptedAt.toISOString() } : {}),
    ...(c.promisedDate ? { promisedDate: c.promisedDate } : {}),
    legalLimitDays: c.legalLimitDays,
    promisedLimitDays: c.promisedLimitDays,
    materials: c.materials,
    ...(c.status === 'SUPPLEMENT_REQUIRED' && c.supplementNotice ? { supplementNotice: c.supplementNotice } : {}),
  };
}
