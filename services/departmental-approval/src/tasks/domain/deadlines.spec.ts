import { computeDeadlines } from './deadlines';

describe('task deadlines', () => {
  it('counts working days from the day after the clock starts, skipping the National Day holiday', () => {
    // Accepted 2025-09-30 10:00 China time; 1–8 October are holidays, Saturday 11 October a make-up workday (调休).
    const d = computeDeadlines({
      acceptedAt: new Date('2025-09-30T02:00:00Z'),
      routedAt: new Date('2025-10-09T02:00:00Z'),
      promisedLimitDays: 3,
      legalLimitDays: 20,
    });
    expect(d).toEqual({
      clockStartDate: '2025-09-30',
      promisedDeadline: '2025-10-11',
      legalDeadline: '2025-11-04',
    });
  });

  it('starts from the routing time when the acceptance time is unknown, on the China-time date', () => {
    // 17:30 UTC on Sunday 2 March is already Monday 3 March in Beijing.
    const d = computeDeadlines({
      acceptedAt: null,
      routedAt: new Date('2025-03-02T17:30:00Z'),
      promisedLimitDays: 1,
      legalLimitDays: 0,
    });
    expect(d).toEqual({
      clockStartDate: '2025-03-03',
      promisedDeadline: '2025-03-04',
      legalDeadline: '2025-03-03',
    });
  });
});
