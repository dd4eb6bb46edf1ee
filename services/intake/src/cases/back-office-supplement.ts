import { HttpStatus } from '@nestjs/common';
import { EventTypes, type MaterialStatus } from '@onewindow/contracts';
import { ProblemException } from '@onewindow/platform';
import type { EntityManager } from 'typeorm';
import { actingClerk } from './case-access';
import type { CaseEvents } from './case-events';
import type { SupplementDto } from './cases.dto';
import { type CaseReceipt, receiptOf } from './create-case.usecase';
import { CaseEntity } from './infrastructure/case.entities';
import { loadOpenHolds } from './infrastructure/open-holds';

interface RequestedItem {
  materialCode?: string;
  description: string;
}

/**
 * 补正 asked for by a department (the case is SUPPLEMENT_REQUESTED): the clerk hands in what the
 * departments' open requests listed — every listed catalogue material must be there — and the case
 * goes back to review (or stays SUSPENDED while another department's special procedure runs);
 * `case.supplemented` lets approval resume the same tasks. The requests are read from the case's
 * timeline, where `task.supplement-requested` put them.
 */
export async function takeBackOfficeSupplement(
  m: EntityManager,
  c: CaseEntity,
  cmd: SupplementDto,
  caseEvents: CaseEvents,
): Promise<CaseReceipt> {
  // Every department still waiting (several at once in a bundle) gets what it asked for in this one visit.
  const holds = await loadOpenHolds(m, c.id);
  const items: RequestedItem[] = holds.supplements.flatMap((s) => s.items).filter((i) => typeof i.description === 'string');
  const given = new Set(cmd.materials.map((x) => x.code));
  const missing = items.filter((i) => i.materialCode && !given.has(i.materialCode));
  if (missing.length) {
    throw new ProblemException(
      'materials-incomplete',
      'Materials are still missing',
      HttpStatus.UNPROCESSABLE_ENTITY,
      `the department still needs: ${missing.map((i) => i.description).join('、')}`,
      { missing: missing.map((i) => ({ code: i.materialCode, name: i.description })) },
    );
  }
  const now = new Date();
  const materials: MaterialStatus[] = c.materials.map((x) => (given.has(x.code) ? { ...x, provided: true } : x));
  for (const code of given) {
    if (materials.some((x) => x.code === code)) continue;
    const item = items.find((i) => i.materialCode === code);
    materials.push({ code, name: item?.description ?? code, provided: true, required: false });
  }
  c.materials = materials;
  // A special procedure of another department still stops the clock.
  c.status = holds.suspensions.length ? 'SUSPENDED' : 'IN_REVIEW';
  c.updatedAt = now;
  c.clerkId = actingClerk() ?? c.clerkId;
  await m.update(CaseEntity, { id: c.id }, { materials, status: c.status, updatedAt: now, clerkId: c.clerkId });
  await caseEvents.publish(m, EventTypes.CaseSupplemented, c, {
    caseId: c.id,
    caseNo: c.caseNo,
    materials,
    supplementedAt: now.toISOString(),
  });
  return receiptOf(c);
}
