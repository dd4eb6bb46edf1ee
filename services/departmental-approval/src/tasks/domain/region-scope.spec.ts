import { regionScope } from './region-scope';

describe('region filter scope', () => {
  it.each([
    ['', null],
    ['420000', '42'],
    ['420100', '4201'],
    ['420102', '420102'],
  ])('%s covers codes starting with %s', (code, prefix) => {
    expect(regionScope(code)).toBe(prefix);
  });

  it.each(['42010', '4201000', 'abcdef', '000000'])('rejects %s', (code) => {
    expect(() => regionScope(code)).toThrow(/6-digit/);
  });
});
