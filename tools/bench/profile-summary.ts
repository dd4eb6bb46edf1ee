import { readFileSync } from 'node:fs';
import { round, table } from './stats';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  topFunctions: Array<{ fn: string; where: string; selfMs: number; selfPercent: number }>;
  byArea: Array<{ area: string; selfMs: number; selfPercent: number }>;
}

/** Where the code lives: a package, Node itself, our own code, or V8's bookkeeping. */
function areaOf(url: string, fn: string): string {
  if (!url) return fn === '(garbage collector)' ? 'garbage collector' : fn === '(idle)' || fn === '(program)' ? fn : 'native';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node core';
  const ours = /\/(libs\/[^/]+|services\/[^/]+)\//.exec(url);
  return ours ? ours[1] : url;
}

/** Self time per function from a V8 .cpuprofile (samples × time deltas), top N, and per package. */
export function summariseProfile(file: string, top = 25): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
  const fns = new Map<string, { fn: string; where: string; us: number }>();
  const areas = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const n = byId.get(id);
    if (!n) continue;
    const { functionName, url, lineNumber } = n.callFrame;
    if (functionName === '(idle)') continue;
    total += us;
    const fn = functionName || '(anonymous)';
    const where = url ? `${url.replace(/^.*?(node_modules\/|dist\/)/, '$1')}:${lineNumber + 1}` : '';
    const key = `${fn}@${where}`;
    const e = fns.get(key) ?? { fn, where, us: 0 };
    e.us += us;
    fns.set(key, e);
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  const pct = (us: number) => round((us / Math.max(1, total)) * 100);
  return {
    totalMs: round(total / 1000),
    topFunctions: [...fns.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((e) => ({ fn: e.fn, where: e.where, selfMs: round(e.us / 1000), selfPercent: pct(e.us) })),
    byArea: [...areas.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([area, us]) => ({ area, selfMs: round(us / 1000), selfPercent: pct(us) })),
  };
}

export function printProfile(title: string, s: ProfileSummary): void {
  process.stdout.write(table(`${title} — busy CPU ${s.totalMs} ms; self time by package or area`, ['area', 'self ms', '%'], s.byArea.map((a) => [a.area, a.selfMs, a.selfPercent])));
  process.stdout.write(table(`${title} — top functions by self time`, ['function', 'where', 'self ms', '%'], s.topFunctions.map((f) => [f.fn, f.where.slice(-70), f.selfMs, f.selfPercent])));
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node dist/tools/bench/profile-summary.js <file.cpuprofile> [top]\n');
    process.exit(2);
  }
  printProfile(file, summariseProfile(file, Number(process.argv[3] ?? 25)));
}
