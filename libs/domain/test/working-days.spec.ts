import { addWorkingDays, chinaDate, isWorkingDay, workingDaysBetween } from '@onewindow/domain';

describe('working days on the Chinese calendar', () => {
  it('skips the 2026 National Day holiday and counts its make-up Saturday (调休)', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false);
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday, made a workday
    // Accepted on Wed 30 Sep: day 1 is Thu 8 Oct (1–7 Oct off), 2 = Fri 9 Oct, 3 = Sat 10 Oct (调休).
    expect(addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-30', 4)).toBe('2026-10-12');
  });

  it('skips the 2026 Spring Festival and counts Saturday 14 and 28 February as workdays', () => {
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(isWorkingDay('2026-02-16')).toBe(false);
    // Accepted Fri 13 Feb: 1 = Sat 14 Feb (调休), then 15–23 Feb off, 2 = Tue 24 Feb.
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(workingDaysBetween('2026-02-13', '2026-02-28')).toBe(6); // 14, 24, 25, 26, 27, 28
  });

  it('does not count the acceptance day and refuses negative limits', () => {
    expect(addWorkingDays('2026-11-27', 0)).toBe('2026-11-27');
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Friday → Monday
    expect(() => addWorkingDays('2026-11-27', -1)).toThrow(RangeError);
  });

  it('uses China Standard Time for the calendar date of an instant', () => {
    expect(chinaDate(new Date('2026-09-30T17:00:00Z'))).toBe('2026-10-01');
    expect(chinaDate(new Date('2026-09-30T15:59:59Z'))).toBe('2026-09-30');
  });
});
