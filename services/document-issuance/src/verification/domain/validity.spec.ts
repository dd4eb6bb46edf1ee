import { isValidOn } from './validity';

describe('validity of a verified document', () => {
  it('is valid through its last day and not after', () => {
    const doc = { status: 'HANDED_OVER' as const, validUntil: '2031-11-26' };
    expect(isValidOn(doc, '2031-11-26')).toBe(true);
    expect(isValidOn(doc, '2031-11-27')).toBe(false);
  });

  it('never expires without a validUntil, unless revoked', () => {
    expect(isValidOn({ status: 'READY_FOR_PICKUP' }, '2099-01-01')).toBe(true);
    expect(isValidOn({ status: 'REVOKED' }, '2020-01-01')).toBe(false);
  });
});
