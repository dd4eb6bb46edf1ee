import { canReachDepartmentObject, confinedDepartment, currentPrincipal, ProblemException } from '@onewindow/platform';
import type { Rectification } from './infrastructure/evaluation.repository';

/**
 * Object-level rule for rectifications, the one place the use cases ask: an officer sees and answers
 * only their own department's; another department's answers 404, the same as a missing one.
 */
export function assertRectificationAccess(r: Rectification | null, id: string): Rectification {
  if (!r || !canReachDepartmentObject(currentPrincipal(), r)) throw ProblemException.notFound('rectification', id);
  return r;
}

/**
 * The department filter a list may use: the caller's own when confined to one. Undefined in the
 * answer means "no filter"; null means the caller asked for a department they cannot see.
 */
export function visibleDepartment(requested: string | undefined): { departmentCode?: string } | null {
  const own = confinedDepartment(currentPrincipal());
  if (own === null) return { departmentCode: requested };
  if (requested !== undefined && requested !== own) return null;
  return { departmentCode: own };
}
