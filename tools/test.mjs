#!/usr/bin/env node
// `npm test`: everything CI checks, in order — types, lint, the gRPC contract (buf lint, generated code
// up to date), the build the end-to-end test runs, then jest: unit, integration and end-to-end
// tests against real PostgreSQL, Redis and Kafka (the jest global setup finds or starts them), and
// the fault-injection suite's short form.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => resolve(root, 'node_modules/.bin', name);
const apiDocuments = readdirSync(resolve(root, 'docs/openapi')).filter((f) => f.endsWith('.json')).map((f) => `docs/openapi/${f}`);
const steps = [
  ['type check', bin('tsc'), ['-p', 'tsconfig.json']],
  ['lint (type-checked; module boundaries)', bin('eslint'), ['.']],
  ['gRPC contract (buf lint, generated code current)', 'bash', ['tools/proto/generate.sh', '--check']],
  ['build', process.execPath, ['tools/build.mjs']],
  ['API documents lint (Redocly, redocly.yaml)', bin('redocly'), ['lint', ...apiDocuments, 'docs/asyncapi.json', '--config', 'redocly.yaml', '--format=summary']],
  // --forceExit: a suite whose setup failed half-way (a broker gone mid-run) can leave a client retrying;
  // the run must still end with its verdict instead of hanging CI.
  ['jest (unit, integration, e2e)', bin('jest'), ['--ci', '--forceExit', ...process.argv.slice(2)]],
];
// Last: the fault-injection suite's short form (its own PostgreSQL, Redis and Kafka; issue #8), on the
// build above. Left out when arguments narrow the jest run to some tests.
if (process.argv.length <= 2) {
  steps.push(['fault injection, short form (npm run faults -- --short)', process.execPath, ['--enable-source-maps', 'dist/tools/faults/main.js', '--short']]);
}

const started = Date.now();
for (const [name, cmd, args] of steps) {
  const t = Date.now();
  process.stdout.write(`\n── ${name}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  if (r.status !== 0) {
    process.stdout.write(`\n✗ ${name} failed after ${secs} s\n`);
    process.exit(r.status ?? 1);
  }
  process.stdout.write(`✓ ${name} (${secs} s)\n`);
}
process.stdout.write(`\nall checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
