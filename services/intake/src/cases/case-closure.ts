import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '@onewindow/platform';
import type { EntityManager } from 'typeorm';
import { assertCaseAccess } from './case-access';
import { type CaseClosure, CaseEntity } from './infrastructure/case.entities';

export interface ClosureView extends CaseClosure {
  id: string;
  caseNo: string;
  status: 'NOT_ACCEPTED' | 'WITHDRAWN';
}

export function conflict(slug: string, title: string, c: CaseEntity): ProblemException {
  return new ProblemException(slug, title, HttpStatus.CONFLICT, `case ${c.caseNo} is ${c.status}`, {
    caseStatus: c.status,
  });
}

export async function lockCase(m: EntityManager, id: string): Promise<CaseEntity> {
  return assertCaseAccess(await m.findOne(CaseEntity, { where: { id }, lock: { mode: 'pessimistic_write' } }), id);
}
