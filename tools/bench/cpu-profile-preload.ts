import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/**
 * `node --require` this into a service to profile a chosen window: the first SIGUSR2 starts the V8
 * CPU profiler, the second writes a .cpuprofile to BENCH_PROFILE_DIR. Needed because `--cpu-prof`
 * writes only on a normal exit, and Nest's shutdown hook ends the process by re-sending SIGTERM.
 */
const dir = process.env.BENCH_PROFILE_DIR ?? process.cwd();
const session = new Session();
session.connect();
let running = false;

process.on('SIGUSR2', () => {
  if (!running) {
    running = true;
    session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 1000 }, () => session.post('Profiler.start')));
    return;
  }
  running = false;
  session.post('Profiler.stop', (err, result) => {
    if (err) return;
    writeFileSync(join(dir, `${process.env.BENCH_PROFILE_NAME ?? 'service'}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
