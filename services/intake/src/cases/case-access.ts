import { HttpStatus } from '@nestjs/common';
import { canAccessCase, canRegisterIn, currentPrincipal, ProblemException } from '@onewindow/platform';
import type { CaseEntity } from './infrastructure/case.entities';

/**
 * Object-level check of the caller against one case. Another centre's or region's case answers
 * 404, the same as a missing one, so ids cannot be probed.
 */
export function assertCaseAccess(c: CaseEntity | null, id: string): CaseEntity {
  if (!c || !canAccessCase(currentPrincipal(), c)) throw ProblemException.notFound('case', id);
  return c;
}

/** Where a new case is registered: the clerk's own region, at the clerk's own service centre. */
export function registrationPlace(regionCode: string): { serviceCentre: string | null; clerkId: string | null } {
  const p = currentPrincipal();
  if (!canRegisterIn(p, regionCode)) {
    throw new ProblemException('region-not-allowed', 'Not allowed in this region', HttpStatus.FORBIDDEN, `the caller does not serve region ${regionCode}`);
  }
  return { serviceCentre: p?.serviceCentre ?? null, clerkId: p?.subject ?? null };
}
