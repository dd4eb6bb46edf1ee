import {
  startOfChinaDay,
  warningSchedule,
  workingDaysBefore,
  workingDaysRemaining,
} from './deadline-schedule';

describe('deadline warning schedule on the Chinese working-day calendar', () => {
  it('warns yellow one working day before a promised deadline that follows National Day, skipping the holiday', () => {
    // Promised deadline Thursday 9 Oct 2025, the first working day after the 1–8 October holiday;
    // one working day before it is Tuesday 30 September.
    const s = warningSchedule({ promisedDeadline: '2025-10-09', legalDeadline: '2025-10-30' }, 1);
    expect(s).toEqual([
      {
        level: 'YELLOW',
        deadlineKind: 'PROMISED',
        deadline: '2025-10-09',
        dueAt: new Date('2025-09-29T16:00:00Z'),
      },
      {
        level: 'RED',
        deadlineKind: 'PROMISED',
        deadline: '2025-10-09',
        dueAt: new Date('2025-10-09T16:00:00Z'),
      },
      {
        level: 'ESCALATION',
        deadlineKind: 'LEGAL',
        deadline: '2025-10-30',
        dueAt: new Date('2025-10-30T16:00:00Z'),
      },
    ]);
  });

  it('counts the Spring Festival make-up Saturday as a working day before the deadline', () => {
    // Deadline Tuesday 24 Feb 2026, the first working day after 15–23 Feb; Saturday 14 Feb is a make-up workday.
    expect(workingDaysBefore('2026-02-24', 1)).toBe('2026-02-14');
    expect(workingDaysBefore('2026-02-24', 2)).toBe('2026-02-13');
    expect(workingDaysBefore('2026-02-24', 0)).toBe('2026-02-24');
  });

  it('says how many working days are left, 0 on the day, negative once overdue, holidays not counted', () => {
    expect(workingDaysRemaining('2025-10-09', new Date('2025-09-29T02:00:00Z'))).toBe(2);
    expect(workingDaysRemaining('2025-10-09', new Date('2025-10-03T02:00:00Z'))).toBe(1);
    expect(workingDaysRemaining('2025-10-09', new Date('2025-10-09T02:00:00Z'))).toBe(0);
    expect(workingDaysRemaining('2025-09-30', new Date('2025-10-05T02:00:00Z'))).toBe(0);
    expect(workingDaysRemaining('2025-09-30', new Date('2025-10-10T02:00:00Z'))).toBe(-2);
  });

  it('starts a China day at 16:00 UTC the day before', () => {
    expect(startOfChinaDay('2026-02-14').toISOString()).toBe('2026-02-13T16:00:00.000Z');
  });
});
