import { assertJsonDepth, jsonNestingDepth } from './json-depth';

describe('JSON nesting depth', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(jsonNestingDepth('1')).toBe(0);
    expect(jsonNestingDepth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(jsonNestingDepth('{"a":"[[[{{{\\"[["}')).toBe(1);
  });

  it('refuses 100 000 levels with a 400 problem instead of overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(() => assertJsonDepth(deep)).toThrow(expect.objectContaining({ slug: 'json-too-deep' }));
    expect(() => assertJsonDepth(`${'['.repeat(32)}${']'.repeat(32)}`)).not.toThrow();
  });
});
