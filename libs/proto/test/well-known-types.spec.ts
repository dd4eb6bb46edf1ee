import { dateFromTimestamp, durationFromMillis, millisFromDuration, timestampFromDate } from '../src';

describe('Timestamp and Duration helpers', () => {
  it('round-trips an instant with milliseconds', () => {
    const instant = new Date('2025-03-01T08:30:15.250Z');
    const timestamp = timestampFromDate(instant);
    expect(timestamp).toEqual({ seconds: 1740817815, nanos: 250_000_000 });
    expect(dateFromTimestamp(timestamp)).toEqual(instant);
  });

  it('keeps nanos non-negative before 1970, as the Timestamp spec requires', () => {
    const instant = new Date('1969-12-31T23:59:59.250Z');
    expect(timestampFromDate(instant)).toEqual({ seconds: -1, nanos: 250_000_000 });
    expect(dateFromTimestamp(timestampFromDate(instant))).toEqual(instant);
  });

  it('rejects an invalid Date instead of sending the epoch', () => {
    expect(() => timestampFromDate(new Date('not a date'))).toThrow(RangeError);
  });

  it('converts durations both ways', () => {
    expect(durationFromMillis(15 * 60_000)).toEqual({ seconds: 900, nanos: 0 });
    expect(durationFromMillis(1_500)).toEqual({ seconds: 1, nanos: 500_000_000 });
    expect(millisFromDuration({ seconds: 900, nanos: 0 })).toBe(900_000);
  });
});
