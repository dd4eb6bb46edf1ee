import { HttpStatus, Injectable } from '@nestjs/common';
import { EventTypes } from '@onewindow/contracts';
import { clerkField } from './case-access';
import { CaseEvents } from './case-events';
import { type ClosureView, conflict, lockCase } from './case-closure';
import type { RefusalDto } from './cases.dto';
import { canRefuse, isClosed } from './domain/case-status';
import { type CaseClosure, CaseEntity } from './infrastructure/case.entities';
import { IdempotentCommands, type StoredAnswer } from './infrastructure/idempotent-commands';

/** 不予受理: the window refuses a case it has not accepted, always with a legal reason. */
@Injectable()
export class RefuseCaseUseCase {
  constructor(
    private readonly commands: IdempotentCommands,
    private readonly caseEvents: CaseEvents,
  ) {}

  execute(id: string, cmd: RefusalDto, key?: string): Promise<StoredAnswer<ClosureView>> {
    return this.commands.run(`POST /api/v1/cases/${id}/refusal`, key, cmd, HttpStatus.OK, async (m) => {
      const c = await lockCase(m, id);
      if (isClosed(c.status)) throw conflict('case-closed', 'The case is closed', c);
      if (!canRefuse(c.status))
        throw conflict('case-already-accepted', 'An accepted case cannot be refused at the window', c);
      const now = new Date();
      const closure: CaseClosure = {
        kind: 'NOT_ACCEPTED',
        reason: cmd.reason,
        legalBasis: cmd.legalBasis,
        at: now.toISOString(),
        ...clerkField(),
      };
      await m.update(CaseEntity, { id: c.id }, { status: 'NOT_ACCEPTED', closure, updatedAt: now });
      await this.caseEvents.publish(m, EventTypes.CaseNotAccepted, c, {
        caseId: c.id,
        caseNo: c.caseNo,
        reason: cmd.reason,
        legalBasis: cmd.legalBasis,
        decidedAt: now.toISOString(),
      });
      return { id: c.id, caseNo: c.caseNo, status: 'NOT_ACCEPTED', ...closure };
    });
  }
}
