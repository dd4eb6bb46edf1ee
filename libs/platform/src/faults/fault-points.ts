/**
 * Fault points for the fault-injection suite (`npm run faults`, issue #8). Inert unless the
 * environment variable FAULT_POINTS names them, e.g.
 * `FAULT_POINTS=relay.before-publish:kill@3,grpc.decide.after-apply:delay=3000@4`:
 * at that point, on every N-th pass (default: every pass), the process kills itself with SIGKILL
 * (no shutdown hook runs, as in a crash) or waits that many milliseconds.
 */
interface Fault {
  action: 'kill' | 'delay';
  ms: number;
  every: number;
  hits: number;
}

const SPEC = /^([\w.-]+):(kill|delay=(\d+))(?:@(\d+))?$/;

export function parseFaultPoints(spec: string): Map<string, Fault> {
  const faults = new Map<string, Fault>();
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = SPEC.exec(part);
    if (!m) throw new Error(`FAULT_POINTS: "${part}" is not name:kill[@N] or name:delay=MS[@N]`);
    faults.set(m[1], {
      action: m[2] === 'kill' ? 'kill' : 'delay',
      ms: Number(m[3] ?? 0),
      every: Math.max(1, Number(m[4] ?? 1)),
      hits: 0,
    });
  }
  return faults;
}

// Read once, where the faults are: this is test machinery, not service configuration.
let faults: Map<string, Fault> | undefined;

export async function faultPoint(name: string): Promise<void> {
  faults ??= parseFaultPoints(process.env.FAULT_POINTS ?? '');
  const f = faults.get(name);
  if (!f || ++f.hits % f.every !== 0) return;
  if (f.action === 'kill') process.kill(process.pid, 'SIGKILL');
  await new Promise((r) => setTimeout(r, f.ms));
}
