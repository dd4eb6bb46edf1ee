import { formatDocumentNo } from './document-number';

describe('document numbers', () => {
  it('reads as department, year and a six-digit sequence', () => {
    expect(formatDocumentNo('HB-SCJGJ', 2026, 42)).toBe('HB-SCJGJ-2026-000042');
    expect(formatDocumentNo('hb scjgj', 2026, 1)).toBe('HB-SCJGJ-2026-000001');
  });

  it('grows past a million instead of wrapping around into a duplicate', () => {
    expect(formatDocumentNo('HB', 2026, 1_000_000)).toBe('HB-2026-1000000');
  });

  it('refuses a sequence that is not a positive integer', () => {
    expect(() => formatDocumentNo('HB', 2026, 0)).toThrow(RangeError);
  });
});
