import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@onewindow/testing';

/**
 * `npm run bench -- --short` runs all four scenarios for a few seconds each, so the suite never
 * rots. Only that they ran and what they did is checked: timings are never asserted in tests.
 */
jest.setTimeout(1_200_000);

const run = promisify(execFile);
const SCENARIOS = ['intake', 'e2e', 'grpc', 'soak'];

describe('benchmark suite, short form', () => {
  let startedAt: number;
  let output: string;

  beforeAll(async () => {
    startedAt = Date.now();
    // A failed scenario makes the command exit non-zero; its JSON says why, scenario by scenario.
    output = await run('npm', ['run', 'bench', '--', '--short'], {
      cwd: REPO_ROOT,
      env: { ...process.env },
      maxBuffer: 32 * 1024 * 1024,
      timeout: 1_150_000,
    }).then(
      (r) => r.stdout,
      (e: { stdout?: string; stderr?: string }) => `${e.stdout ?? ''}\n${e.stderr ?? ''}`,
    );
  });

  it.each(SCENARIOS)('%s ran, completed operations without errors and wrote its JSON results', (scenario) => {
    const file = resolve(REPO_ROOT, '.local/bench', `${scenario}.json`);
    expect(statSync(file).mtimeMs).toBeGreaterThanOrEqual(startedAt);
    const result = JSON.parse(readFileSync(file, 'utf8')) as { scenario: string; failed?: string; short: boolean; completedOperations: number; errors: number; errorSamples?: string[] };
    expect(result).toMatchObject({ scenario, short: true });
    expect(result.failed).toBeUndefined();
    expect(result.completedOperations).toBeGreaterThan(0);
    expect({ errors: result.errors, samples: result.errorSamples ?? [] }).toEqual({ errors: 0, samples: [] });
  });

  it('prints each scenario with its same-run baseline beside it', () => {
    expect(output).toContain('beside the same transaction through pg alone');
    expect(output).toContain('baseline (raw kafkajs round trip)');
    expect(output).toContain('baseline: Health/Check');
    expect(output).toMatch(/Scenario 4 — soak at [\d.]+ cases\/s/);
  });
});
