import { formatCalendarDate, formatChinaDate, formatChinaDateTime, maskPersonName } from './chinese-format';

describe('Chinese formats', () => {
  it('writes dates the Chinese way, in China time', () => {
    expect(formatCalendarDate('2026-12-01')).toBe('2026年12月1日');
    expect(formatChinaDate('2026-11-27T17:30:00Z')).toBe('2026年11月28日');
    expect(formatChinaDateTime('2026-11-27T08:05:00Z')).toBe('2026年11月27日 16:05');
  });

  it('masks a given name', () => {
    expect(maskPersonName('李四')).toBe('李*');
  });
});
