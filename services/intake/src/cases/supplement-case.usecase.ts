import { HttpStatus, Injectable } from '@nestjs/common';
import { EventTypes } from '@onewindow/contracts';
import { addWorkingDays, chinaDate } from '@onewindow/domain';
import { ProblemException } from '@onewindow/platform';
import type { EntityManager } from 'typeorm';
import { takeBackOfficeSupplement } from './back-office-supplement';
import { actingClerk } from './case-access';
import { CaseEvents } from './case-events';
import { CaseForms } from './case-form';
import { conflict, lockCase } from './case-closure';
import { CaseMaterials } from './case-materials';
import type { SupplementDto } from './cases.dto';
import { type CaseReceipt, receiptOf, unknownMaterialsProblem } from './create-case.usecase';
import { isClosed } from './domain/case-status';
import { CaseEntity } from './infrastructure/case.entities';
import { IdempotentCommands, type StoredAnswer } from './infrastructure/idempotent-commands';

/**
 * 补正: the applicant brings what the one-time notice listed. The case is checked again against the
 * version it was registered under; once complete it is accepted and its clocks start.
 */
@Injectable()
export class SupplementCaseUseCase {
  constructor(
    private readonly commands: IdempotentCommands,
    private readonly forms: CaseForms,
    private readonly materials: CaseMaterials,
    private readonly caseEvents: CaseEvents,
  ) {}

  execute(id: string, cmd: SupplementDto, key?: string): Promise<StoredAnswer<CaseReceipt>> {
    return this.commands.run(`POST /api/v1/cases/${id}/supplements`, key, cmd, HttpStatus.OK, (m) =>
      this.supplement(m, id, cmd),
    );
  }

  private async supplement(m: EntityManager, id: string, cmd: SupplementDto): Promise<CaseReceipt> {
    const c = await lockCase(m, id);
    if (isClosed(c.status)) throw conflict('case-closed', 'The case is closed', c);
    // A department's request (补正 during review) goes back to the department, not to acceptance.
    if (c.status === 'SUPPLEMENT_REQUESTED') return takeBackOfficeSupplement(m, c, cmd, this.caseEvents);
    if (c.status !== 'SUPPLEMENT_REQUIRED')
      throw conflict('no-supplement-required', 'The case is not waiting for a supplement', c);
    const def = await this.forms.ofCase(m, c);
    const now = new Date();
    const today = chinaDate(now);
    const already = c.materials.filter((x) => x.provided && !x.reusedFromDocumentNo).map((x) => x.code);
    const { check, statuses } = await this.materials.check(
      m,
      def,
      c.applicant.idNumber,
      [...already, ...cmd.materials.map((x) => x.code)],
      today,
    );
    if (check.unknown.length) throw unknownMaterialsProblem(def.code, check);
    if (check.missing.length) {
      throw new ProblemException(
        'materials-incomplete',
        'Materials are still missing',
        HttpStatus.UNPROCESSABLE_ENTITY,
        `still missing: ${check.missing.map((x) => x.name).join('、')}`,
        { missing: check.missing },
      );
    }
    c.materials = statuses;
    c.status = 'ACCEPTED';
    c.acceptedAt = now;
    c.promisedDate = addWorkingDays(today, c.promisedLimitDays);
    c.updatedAt = now;
    c.clerkId = actingClerk() ?? c.clerkId;
    await m.update(
      CaseEntity,
      { id: c.id },
      {
        materials: c.materials,
        status: c.status,
        acceptedAt: now,
        promisedDate: c.promisedDate,
        updatedAt: now,
        clerkId: c.clerkId,
      },
    );
    const supplemented = await this.caseEvents.publish(m, EventTypes.CaseSupplemented, c, {
      caseId: c.id,
      caseNo: c.caseNo,
      materials: statuses,
      supplementedAt: now.toISOString(),
    });
    await this.caseEvents.publish(
      m,
      EventTypes.CaseAccepted,
      c,
      this.caseEvents.accepted(c, def.departmentCode),
      {
        id: supplemented.id,
        correlationid: supplemented.correlationid,
      },
    );
    return receiptOf(c);
  }
}
