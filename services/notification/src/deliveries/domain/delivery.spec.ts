import { afterFailure, pickClaims } from './delivery';

describe('retrying a failed delivery', () => {
  const policy = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 10_000 };

  it('doubles the wait after each failure, within the upper half of the step', () => {
    expect(afterFailure(1, policy, () => 0)).toEqual({ giveUp: false, retryInMs: 500 });
    expect(afterFailure(1, policy, () => 1)).toEqual({ giveUp: false, retryInMs: 1000 });
    expect(afterFailure(3, policy, () => 1)).toEqual({ giveUp: false, retryInMs: 4000 });
  });

  it('never waits longer than the cap', () => {
    expect(afterFailure(5, policy, () => 1)).toEqual({ giveUp: false, retryInMs: 10_000 });
  });

  it('spreads deliveries that failed together', () => {
    const waits = new Set(
      Array.from({ length: 50 }, () => (afterFailure(2, policy) as { retryInMs: number }).retryInMs),
    );
    expect(waits.size).toBeGreaterThan(10);
  });

  it('gives up after the last allowed attempt', () => {
    expect(afterFailure(6, policy)).toEqual({ giveUp: true });
    expect(afterFailure(1, { ...policy, maxAttempts: 1 })).toEqual({ giveUp: true });
  });
});

describe('claiming due deliveries', () => {
  const due = [
    { id: 'h1', recipient: 'http://hanging/' },
    { id: 'h2', recipient: 'http://hanging/' },
    { id: 'h3', recipient: 'http://hanging/' },
    { id: 'm1', recipient: 'a@example.org' },
    { id: 'm2', recipient: 'b@example.org' },
  ];

  it('takes the oldest first, but no more than the cap for one recipient', () => {
    expect(pickClaims(due, new Map(), 8, 2)).toEqual(['h1', 'h2', 'm1', 'm2']);
  });

  it('counts what is already being sent to a recipient', () => {
    expect(pickClaims(due, new Map([['http://hanging/', 2]]), 8, 2)).toEqual(['m1', 'm2']);
  });

  it('never takes more than the free slots', () => {
    expect(pickClaims(due, new Map(), 3, 2)).toEqual(['h1', 'h2', 'm1']);
    expect(pickClaims(due, new Map(), 0, 2)).toEqual([]);
  });
});
