import { uncollectedCutoff } from './uncollected-policy';

describe('when a result waiting at the window counts as not collected', () => {
  it('counts working days, skipping weekends', () => {
    // Friday 2026-11-27 noon in China: Fri 27, Thu 26, then Wed 25 is the third → issued Tue 24 or earlier is late.
    expect(uncollectedCutoff(new Date('2026-11-27T04:00:00Z'), 2)).toEqual(
      new Date('2026-11-25T00:00:00+08:00'),
    );
    // Monday 2026-11-30: Mon 30, Fri 27, then Thu 26 → issued Wed 25 or earlier is late.
    expect(uncollectedCutoff(new Date('2026-11-30T04:00:00Z'), 2)).toEqual(
      new Date('2026-11-26T00:00:00+08:00'),
    );
  });

  it('skips the National Day holiday week', () => {
    // Thursday 2026-10-08 is the first working day after the 1–7 October holiday: 8 Oct, then 30 Sep.
    expect(uncollectedCutoff(new Date('2026-10-08T04:00:00Z'), 1)).toEqual(
      new Date('2026-09-30T00:00:00+08:00'),
    );
  });
});
