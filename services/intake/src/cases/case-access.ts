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

/** The clerk who acts (recorded as `clerkId`): the token's subject, never a body field; none when authentication is off. */
export function actingClerk(): string | undefined {
  return currentPrincipal()?.subject;
}

export function clerkField(): { clerkId?: string } {
  const clerkId = actingClerk();
  return clerkId ? { clerkId } : {};
}

/** Where a new case is registered: the clerk's own region, at the clerk's own service centre. */
export function registrationPlace(regionCode: string): { serviceCentre: string | null; clerkId: string | null } {
  const p = currentPrincipal();
  if (!canRegisterIn(p, regionCode)) {
    throw new ProblemException('region-not-allowed', 'Not allowed in this region', HttpStatus.FORBIDDEN, `the caller does not serve region ${regionCode}`);
  }
  return { serviceCentre: p?.serviceCentre ?? null, clerkId: actingClerk() ?? null };
}
