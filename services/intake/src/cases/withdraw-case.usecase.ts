import { HttpStatus, Injectable } from '@nestjs/common';
import { EventTypes } from '@onewindow/contracts';
import { clerkField } from './case-access';
import { CaseEvents } from './case-events';
import { type ClosureView, conflict, lockCase } from './case-closure';
import type { WithdrawalDto } from './cases.dto';
import { canWithdraw, isDecided } from './domain/case-status';
import { type CaseClosure, CaseEntity } from './infrastructure/case.entities';
import { IdempotentCommands, type StoredAnswer } from './infrastructure/idempotent-commands';

/** 撤回: the applicant withdraws before a decision; routing stops the departments' work. */
@Injectable()
export class WithdrawCaseUseCase {
  constructor(
    private readonly commands: IdempotentCommands,
    private readonly caseEvents: CaseEvents,
  ) {}

  execute(id: string, cmd: WithdrawalDto, key?: string): Promise<StoredAnswer<ClosureView>> {
    return this.commands.run(`POST /api/v1/cases/${id}/withdrawal`, key, cmd, HttpStatus.OK, async (m) => {
      const c = await lockCase(m, id);
      if (isDecided(c.status))
        throw conflict('case-already-decided', 'A decided case cannot be withdrawn', c);
      if (!canWithdraw(c.status)) throw conflict('case-closed', 'The case is closed', c);
      const now = new Date();
      const closure: CaseClosure = {
        kind: 'WITHDRAWN',
        reason: cmd.reason,
        at: now.toISOString(),
        ...clerkField(),
      };
      await m.update(CaseEntity, { id: c.id }, { status: 'WITHDRAWN', closure, updatedAt: now });
      await this.caseEvents.publish(m, EventTypes.CaseWithdrawn, c, {
        caseId: c.id,
        caseNo: c.caseNo,
        reason: cmd.reason,
        withdrawnAt: now.toISOString(),
      });
      return { id: c.id, caseNo: c.caseNo, status: 'WITHDRAWN', ...closure };
    });
  }
}
