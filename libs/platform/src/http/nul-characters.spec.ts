import { assertNoNul, containsNul } from './nul-characters';

describe('NUL characters in input', () => {
  it('finds U+0000 in nested values and keys, nowhere else', () => {
    expect(containsNul({ a: [1, { b: 'x\u0000y' }] })).toBe(true);
    expect(containsNul({ 'k\u0000': 1 })).toBe(true);
    expect(containsNul({ a: ['x', 1, null, { b: '\\u0000' }] })).toBe(false);
  });

  it('names where the NUL is in the 400 problem', () => {
    expect(() => assertNoNul({ path: { id: '1' }, query: { q: '\u0000' } })).toThrow(expect.objectContaining({ slug: 'nul-character', detail: 'in the query' }));
    expect(() => assertNoNul({ path: {}, query: {}, body: { a: 'ok' } })).not.toThrow();
  });
});
