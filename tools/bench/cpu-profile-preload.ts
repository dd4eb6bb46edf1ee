import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/**
 * `node --require` this into a service to profile a chosen window: the first SIGWINCH starts the V8
 * CPU profiler, the second writes a .cpuprofile to BENCH_PROFILE_DIR. Needed because `--cpu-prof`
 * writes only on a normal exit, and Nest's shutdown hook ends the process by re-sending SIGTERM.
 * SIGWINCH because Nest shuts down on SIGUSR2 and Node keeps SIGUSR1 for its inspector; a process
 * without this preload ignores SIGWINCH.
 */
const dir = process.env.BENCH_PROFILE_DIR ?? process.cwd();
const session = new Session();
session.connect();
let running = false;

process.on('SIGWINCH', () => {
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
