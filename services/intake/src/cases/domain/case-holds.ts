import type { CaseStatus } from './case-status';

/** A back-office event of a case's timeline that opens or closes a hold on one task. */
export interface HoldEntry {
  type: string;
  taskId?: string;
  /** What a supplement request asks for; absent for the other events. */
  items?: Array<{ materialCode?: string; description: string }>;
}

export interface OpenHolds {
  /** Tasks waiting for the applicant's supplement, with what each asked for, oldest first. */
  supplements: Array<{ taskId: string; items: Array<{ materialCode?: string; description: string }> }>;
  /** Tasks in a special procedure (特别程序). */
  suspensions: string[];
}

/** The timeline event types that open or close a task's hold; the only ones `openHolds` reads. */
export const HOLD_EVENT_TYPES = [
  'task.supplement-requested',
  'task.supplemented',
  'task.suspended',
  'task.resumed',
  'task.decided',
  'task.cancelled',
  'task.transferred',
  'case.supplemented',
] as const;

/**
 * The holds still open after a case's events, per task: in a bundle several departments work at
 * once, so one department's supplement may be asked for while another's special procedure runs.
 * A task's hold closes when the task resumes, is supplemented, decided, cancelled or moved away.
 */
export function openHolds(entries: readonly HoldEntry[]): OpenHolds {
  const supplements = new Map<string, OpenHolds['supplements'][number]['items']>();
  const suspensions = new Set<string>();
  for (const e of entries) {
    // The window took the supplement: what was asked until then is in, whether or not approval has resumed yet.
    if (e.type === 'case.supplemented') {
      supplements.clear();
      continue;
    }
    if (!e.taskId) continue;
    switch (e.type) {
      case 'task.supplement-requested':
        supplements.set(e.taskId, e.items ?? []);
        break;
      case 'task.suspended':
        suspensions.add(e.taskId);
        break;
      case 'task.supplemented':
        supplements.delete(e.taskId);
        break;
      case 'task.resumed':
        suspensions.delete(e.taskId);
        break;
      default:
        supplements.delete(e.taskId);
        suspensions.delete(e.taskId);
    }
  }
  return { supplements: [...supplements].map(([taskId, items]) => ({ taskId, items })), suspensions: [...suspensions] };
}

const IN_REVIEW_STATES: ReadonlySet<CaseStatus> = new Set(['ROUTED', 'IN_REVIEW', 'SUPPLEMENT_REQUESTED', 'SUSPENDED']);

/**
 * The case's status during review from its open holds: a supplement the window must take outranks a
 * special procedure; with neither the case is in review. Outside review (not yet routed, decided,
 * closed) holds change nothing.
 */
export function statusWithHolds(current: CaseStatus, holds: OpenHolds): CaseStatus {
  if (!IN_REVIEW_STATES.has(current)) return current;
  if (holds.supplements.length) return 'SUPPLEMENT_REQUESTED';
  if (holds.suspensions.length) return 'SUSPENDED';
  return current === 'ROUTED' ? 'ROUTED' : 'IN_REVIEW';
}
