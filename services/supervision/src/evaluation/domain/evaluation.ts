import { addWorkingDays, chinaDate } from '@onewindow/domain';

export const SCORE_LABEL: Record<1 | 2 | 3 | 4 | 5, string> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};
export type Score = keyof typeof SCORE_LABEL;

export type EvaluationProblem = 'reason-required' | 'not-delivered';

/**
 * The rules of 好差评: only a delivered case (handed over) can be rated; a rating below 3 (差评)
 * must say why, because it becomes a rectification for the department.
 */
export function checkEvaluation(input: { score: Score; reason?: string; delivered: boolean }): EvaluationProblem | null {
  if (!input.delivered) return 'not-delivered';
  if (input.score < 3 && !input.reason?.trim()) return 'reason-required';
  return null;
}

export const opensRectification = (score: Score): boolean => score < 3;

/** The department answers within N working days, counted from the day after the rating (China time). */
export function rectificationDeadline(openedAt: Date, workingDays: number): string {
  return addWorkingDays(chinaDate(openedAt), workingDays);
}

export const RECTIFICATION_STATUSES = ['OPEN', 'RESPONDED', 'FOLLOWED_UP', 'CLOSED'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
export type RectificationAction = 'respond' | 'follow-up' | 'close';

/** open → responded → followed-up → closed; a responded one may be closed without a follow-up. */
const ALLOWED: Record<RectificationAction, RectificationStatus[]> = {
  respond: ['OPEN'],
  'follow-up': ['RESPONDED'],
  close: ['RESPONDED', 'FOLLOWED_UP'],
};
const TARGET: Record<RectificationAction, RectificationStatus> = {
  respond: 'RESPONDED',
  'follow-up': 'FOLLOWED_UP',
  close: 'CLOSED',
};

export function transition(from: RectificationStatus, action: RectificationAction): RectificationStatus | null {
  return ALLOWED[action].includes(from) ? TARGET[action] : null;
}

/** Open past its deadline (the deadline day itself still counts as in time). */
export function isRectificationOverdue(status: RectificationStatus, deadline: string, now: Date): boolean {
  return status === 'OPEN' && chinaDate(now) > deadline;
}
