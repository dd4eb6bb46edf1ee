import { endOfQuietHours, parseQuietHours } from './quiet-hours';

describe('quiet hours for SMS (China time)', () => {
  const night = parseQuietHours('22:00-08:00');

  it('lets texts out during the day', () => {
    // 10:00 China time = 02:00 UTC
    expect(endOfQuietHours(new Date('2026-11-27T02:00:00Z'), night)).toBeUndefined();
    // 21:59 China time
    expect(endOfQuietHours(new Date('2026-11-27T13:59:00Z'), night)).toBeUndefined();
  });

  it('holds a text sent late in the evening until 08:00 the next morning', () => {
    // 23:30 China time on 27 Nov → 08:00 on 28 Nov = 00:00 UTC
    expect(endOfQuietHours(new Date('2026-11-27T15:30:00Z'), night)).toEqual(
      new Date('2026-11-28T00:00:00Z'),
    );
  });

  it('holds a text sent before dawn until 08:00 the same morning', () => {
    // 03:00 China time on 28 Nov = 19:00 UTC on 27 Nov
    expect(endOfQuietHours(new Date('2026-11-27T19:00:00Z'), night)).toEqual(
      new Date('2026-11-28T00:00:00Z'),
    );
  });

  it('handles a window within one day, and no window at all', () => {
    const lunch = parseQuietHours('12:00-13:30');
    expect(endOfQuietHours(new Date('2026-11-27T04:15:00Z'), lunch)).toEqual(
      new Date('2026-11-27T05:30:00Z'),
    );
    expect(endOfQuietHours(new Date('2026-11-27T05:30:00Z'), lunch)).toBeUndefined();
    expect(parseQuietHours('')).toBeUndefined();
    expect(endOfQuietHours(new Date('2026-11-27T15:30:00Z'), undefined)).toBeUndefined();
  });
});
