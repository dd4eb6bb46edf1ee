import { evaluationToken, isValidEvaluationToken } from '@onewindow/domain';
import { checkEvaluation, isRectificationOverdue, rectificationDeadline, transition } from './evaluation';

describe('evaluation rules (好差评)', () => {
  it('rates only delivered cases, and needs a reason below 3', () => {
    expect(checkEvaluation({ score: 5, delivered: true })).toBeNull();
    expect(checkEvaluation({ score: 3, delivered: true })).toBeNull();
    expect(checkEvaluation({ score: 2, delivered: true })).toBe('reason-required');
    expect(checkEvaluation({ score: 1, reason: '   ', delivered: true })).toBe('reason-required');
    expect(checkEvaluation({ score: 1, reason: '窗口人员态度差', delivered: true })).toBeNull();
    expect(checkEvaluation({ score: 5, delivered: false })).toBe('not-delivered');
  });

  it('gives the department 15 working days, the National Day holiday not counting', () => {
    // Rated Monday 2026-09-28 (China time); 1–7 October 2026 are holidays and Sunday 27 Sept / Saturday 10 Oct are workdays.
    expect(rectificationDeadline(new Date('2026-09-28T02:00:00Z'), 15)).toBe('2026-10-23');
    // An ordinary fortnight: Friday 27 Nov → 15 working days later is Friday 18 Dec.
    expect(rectificationDeadline(new Date('2026-11-27T02:00:00Z'), 15)).toBe('2026-12-18');
  });

  it('moves open → responded → followed up → closed and refuses anything else', () => {
    expect(transition('OPEN', 'respond')).toBe('RESPONDED');
    expect(transition('RESPONDED', 'follow-up')).toBe('FOLLOWED_UP');
    expect(transition('FOLLOWED_UP', 'close')).toBe('CLOSED');
    expect(transition('RESPONDED', 'close')).toBe('CLOSED');
    expect(transition('OPEN', 'close')).toBeNull();
    expect(transition('CLOSED', 'respond')).toBeNull();
    expect(transition('OPEN', 'follow-up')).toBeNull();
  });

  it('calls an open rectification overdue only after its deadline day', () => {
    expect(isRectificationOverdue('OPEN', '2026-12-18', new Date('2026-12-18T15:00:00Z'))).toBe(false); // 23:00 in China
    expect(isRectificationOverdue('OPEN', '2026-12-18', new Date('2026-12-18T16:30:00Z'))).toBe(true);
    expect(isRectificationOverdue('RESPONDED', '2026-12-18', new Date('2027-01-05T00:00:00Z'))).toBe(false);
  });

  it('accepts the token of its own case only', () => {
    const secret = 's'.repeat(32);
    const t = evaluationToken('01JDZ3Q4X6S8K7Y2V9T5R3M1N0', secret);
    expect(isValidEvaluationToken('01JDZ3Q4X6S8K7Y2V9T5R3M1N0', t, secret)).toBe(true);
    expect(isValidEvaluationToken('01JDZ3Q4X6S8K7Y2V9T5R3M1N1', t, secret)).toBe(false);
    expect(isValidEvaluationToken('01JDZ3Q4X6S8K7Y2V9T5R3M1N0', t, 'x'.repeat(32))).toBe(false);
    expect(isValidEvaluationToken('01JDZ3Q4X6S8K7Y2V9T5R3M1N0', `${t}x`, secret)).toBe(false);
  });
});
