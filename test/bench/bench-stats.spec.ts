import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summariseProfile } from '../../tools/bench/profile-summary';
import { Latencies, ratio } from '../../tools/bench/stats';

describe('bench arithmetic', () => {
  it('takes percentiles by rank: p50 and p99 of 1..100 ms are 50 and 99', () => {
    const l = new Latencies();
    for (let i = 100; i >= 1; i--) l.add(i);
    expect(l.summary()).toEqual({ count: 100, p50: 50, p99: 99, max: 100 });
  });

  it('has no percentiles without samples, and no ratio without a baseline', () => {
    expect(new Latencies().summary().p50).toBeNaN();
    expect(ratio(10, 0)).toBe('n/a');
    expect(ratio(40, 100)).toBe('40 %');
  });

  it('adds up self time per function and per package from a .cpuprofile, leaving idle time out', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'prof-')), 'x.cpuprofile');
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });
    writeFileSync(
      file,
      JSON.stringify({
        nodes: [
          { id: 1, callFrame: frame('(root)', ''), children: [2, 3, 4] },
          { id: 2, callFrame: frame('buildQuery', 'file:///app/node_modules/typeorm/query-builder/QueryBuilder.js') },
          { id: 3, callFrame: frame('execute', 'file:///app/dist/services/routing/src/dispatch/x.js') },
          { id: 4, callFrame: frame('(idle)', '') },
        ],
        samples: [2, 2, 3, 4, 2],
        timeDeltas: [1000, 1000, 2000, 50_000, 1000],
        startTime: 0,
        endTime: 55_000,
      }),
    );
    const s = summariseProfile(file);
    expect(s.totalMs).toBe(5);
    expect(s.topFunctions[0]).toMatchObject({ fn: 'buildQuery', selfMs: 3, selfPercent: 60 });
    expect(s.byArea).toEqual([
      { area: 'typeorm', selfMs: 3, selfPercent: 60 },
      { area: 'services/routing', selfMs: 2, selfPercent: 40 },
    ]);
  });
});
