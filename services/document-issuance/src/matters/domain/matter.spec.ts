import { supersedes } from './matter';

describe('matter read model versions', () => {
  it('takes the first version seen and any later one', () => {
    expect(supersedes({ version: 1 }, undefined)).toBe(true);
    expect(supersedes({ version: 3 }, { version: 2 })).toBe(true);
  });

  it('ignores an older version replayed after a newer one', () => {
    expect(supersedes({ version: 1 }, { version: 2 })).toBe(false);
  });
});
