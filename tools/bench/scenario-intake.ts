import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Pool, type PoolClient } from 'pg';
import { ulid } from 'ulid';
import { type BenchMatter, benchMatters, caseRequest } from './cases';
import { Fleet, ROOT } from './fleet';
import { Latencies, progress, ratio, round, sleep, table } from './stats';

export interface IntakeOptions {
  durationSeconds: number;
  connections: number[];
  /** Where intake writes its CPU profile of the measured POST windows (--profile intake). */
  profileDir?: string;
}

interface Measured {
  completed: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Intake's own CPU (user + system, from /proc) per accepted case: what a POST costs beyond the wait. */
  cpuMsPerCase?: number;
  /** Statements intake sent to PostgreSQL per accepted case (round trips; BEGIN, COMMIT and the relay's included). */
  statementsPerCase?: number;
}

const TABLES = ['intake_case', 'outbox', 'event_sequence', 'idempotency_key', 'case_number_counter'];

/**
 * The physical floor: the rows intake writes for one accepted case (case number counter, case row,
 * two events with their per-case sequence, the Idempotency-Key's answer) in one transaction through
 * `pg` alone, into copies of intake's own tables (same columns, indexes and foreign key).
 */
async function prepareRaw(databaseUrl: string): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await pool.query('DROP SCHEMA IF EXISTS bench_raw CASCADE');
    await pool.query('CREATE SCHEMA bench_raw');
    for (const t of TABLES) await pool.query(`CREATE TABLE bench_raw.${t} (LIKE intake.${t} INCLUDING ALL)`);
    await pool.query(
      'ALTER TABLE bench_raw.intake_case ADD FOREIGN KEY (matter_code, matter_version) REFERENCES intake.matter_version (code, version)',
    );
  } finally {
    await pool.end();
  }
}

async function rawTransaction(c: PoolClient, matters: BenchMatter[], n: number): Promise<void> {
  const { matterCode, regionCode, body } = caseRequest(matters, n);
  const id = ulid();
  const now = new Date();
  const day = now.toISOString().slice(0, 10);
  const receipt = JSON.stringify({ id, matterCode, regionCode, status: 'ACCEPTED', receivedAt: now.toISOString() });
  await c.query('BEGIN');
  try {
    const counter = await c.query<{ last: number }>(
      `INSERT INTO bench_raw.case_number_counter (region_code, day, last) VALUES ($1, $2, 1)
       ON CONFLICT (region_code, day) DO UPDATE SET last = case_number_counter.last + 1 RETURNING last`,
      [regionCode, day],
    );
    const parsed = JSON.parse(body) as { applicant: unknown; materials: unknown };
    await c.query(
      `INSERT INTO bench_raw.intake_case (id, case_no, matter_code, matter_version, matter_name, department_code, region_code, channel,
         applicant, applicant_key, agent, materials, status, clerk_id, legal_limit_days, promised_limit_days, promised_date,
         received_at, accepted_at, updated_at)
       VALUES ($1, $2, $3, 1, 'bench', 'bench', $4, 'WINDOW', $5, $6, NULL, $7, 'ACCEPTED', 'clerk-bench', 20, 10, $8, $9, $9, $9)`,
      [id, `${regionCode}-${day}-${counter.rows[0].last}-${n}`, matterCode, regionCode, JSON.stringify(parsed.applicant), createHash('sha256').update(id).digest('hex'), JSON.stringify(parsed.materials), day, now],
    );
    for (const type of ['case.received', 'case.accepted']) {
      await c.query(
        `INSERT INTO bench_raw.event_sequence (subject, last_sequence) VALUES ($1, 1)
         ON CONFLICT (subject) DO UPDATE SET last_sequence = event_sequence.last_sequence + 1 RETURNING last_sequence`,
        [id],
      );
      await c.query(
        'INSERT INTO bench_raw.outbox (event_id, topic, message_key, event_type, headers, payload) VALUES ($1, $2, $3, $4, $5, $6)',
        [randomUUID(), 'intake.case-events.v1', id, type, JSON.stringify({ ce_type: type, ce_subject: id }), body],
      );
    }
    await c.query(
      'INSERT INTO bench_raw.idempotency_key (scope, key, request_hash, response_status, response_body) VALUES ($1, $2, $3, 201, $4::jsonb)',
      ['POST /api/v1/cases', `raw-${id}`, createHash('sha256').update(body).digest('hex'), receipt],
    );
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

async function runRaw(databaseUrl: string, matters: BenchMatter[], connections: number, seconds: number, start: number): Promise<Measured> {
  const pool = new Pool({ connectionString: databaseUrl, max: connections });
  // A connection ended from outside (an administrator, another session's fault test on the shared
  // server) fails its transaction, counted as an error, instead of crashing the whole bench.
  pool.on('error', () => undefined);
  const lat = new Latencies();
  let errors = 0;
  let n = start;
  const until = Date.now() + seconds * 1000;
  const began = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = await pool.connect();
      c.on('error', () => undefined); // see the pool's handler above
      try {
        while (Date.now() < until) {
          const t0 = performance.now();
          try {
            await rawTransaction(c, matters, n++);
            lat.add(performance.now() - t0);
          } catch {
            errors++;
          }
        }
      } finally {
        c.release();
      }
    }),
  );
  const elapsed = (Date.now() - began) / 1000;
  await pool.end();
  const s = lat.summary();
  return { completed: s.count, errors, perSecond: round(s.count / elapsed), p50: s.p50, p99: s.p99 };
}

async function runIntake(baseUrl: string, token: string, matters: BenchMatter[], connections: number, seconds: number, start: number): Promise<Measured> {
  let n = start;
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    // A new case each time: a fresh Idempotency-Key, matters and regions in rotation.
    requests: [
      {
        method: 'POST',
        path: '/api/v1/cases',
        setupRequest: (req) => {
          const i = n++;
          return {
            ...req,
            headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${start}-${i}`, authorization: `Bearer ${token}` },
            body: caseRequest(matters, i).body,
          };
        },
      },
    ],
  });
  const accepted = result['2xx'];
  return {
    completed: accepted,
    errors: result.errors + result.timeouts + result.non2xx,
    perSecond: round(accepted / (result.duration || seconds)),
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

/** Scenario 1: POST /api/v1/cases against the same transaction through `pg` alone, at the same concurrency. */
export async function intakeScenario(o: IntakeOptions): Promise<Record<string, unknown>> {
  const fleet = new Fleet({
    services: ['intake'],
    label: 'intake',
    ...(o.profileDir
      ? {
          nodeArgs: { intake: ['--require', join(ROOT, 'dist/tools/bench/cpu-profile-preload.js')] },
          env: { intake: { BENCH_PROFILE_DIR: o.profileDir, BENCH_PROFILE_NAME: 'intake' } },
        }
      : {}),
  });
  const matters = benchMatters();
  const rows: Array<{ connections: number; intake: Measured; raw: Measured; ratio: string }> = [];
  try {
    await fleet.start();
    await prepareRaw(fleet.databaseUrl);
    const intake = fleet.get('intake');
    // Warm-up: JIT, connection pools and the catalogue cache, not measured.
    await runIntake(intake.baseUrl, fleet.clerkToken, matters, 4, 1, 9_000_000);
    let offset = 0;
    for (const connections of o.connections) {
      // Interleaved, so both sides of a row see the same background load.
      progress(`intake: raw pg transaction at ${connections} connections for ${o.durationSeconds} s`);
      const raw = await runRaw(fleet.databaseUrl, matters, connections, o.durationSeconds, offset);
      offset += raw.completed + raw.errors + 1;
      progress(`intake: POST /api/v1/cases at ${connections} connections for ${o.durationSeconds} s`);
      const cpuBefore = fleet.usage().intake?.cpuSeconds ?? 0;
      const statementsBefore = (await fleet.statements()).intake;
      // The profile (if any) covers the measured POST windows only: SIGWINCH starts and stops it.
      if (o.profileDir && connections === o.connections[0]) intake.signal('SIGWINCH');
      const svc = await runIntake(intake.baseUrl, fleet.clerkToken, matters, connections, o.durationSeconds, offset);
      if (o.profileDir && connections === o.connections[o.connections.length - 1]) {
        intake.signal('SIGWINCH');
        await sleep(2000); // the profile is written before the fleet stops the process
      }
      const cpu = (fleet.usage().intake?.cpuSeconds ?? cpuBefore) - cpuBefore;
      if (svc.completed) svc.cpuMsPerCase = round((cpu * 1000) / svc.completed, 2);
      const statementsAfter = (await fleet.statements()).intake;
      if (svc.completed && statementsBefore !== undefined && statementsAfter !== undefined) {
        // The relay's statements included: they are part of what each accepted case costs.
        svc.statementsPerCase = round((statementsAfter - statementsBefore) / svc.completed, 1);
      }
      offset += svc.completed + svc.errors + 1;
      rows.push({ connections, intake: svc, raw, ratio: ratio(svc.perSecond, raw.perSecond) });
    }
  } finally {
    await fleet.stop();
  }
  process.stdout.write(
    table(
      'Scenario 1 — intake: accepted cases per second (POST /api/v1/cases) beside the same transaction through pg alone',
      ['conns', 'intake/s', 'p50 ms', 'p99 ms', 'errors', 'CPU ms/case', 'statements/case', 'raw pg/s', 'raw p50', 'raw p99', 'intake/raw'],
      rows.map((r) => [r.connections, r.intake.perSecond, r.intake.p50, r.intake.p99, r.intake.errors, r.intake.cpuMsPerCase ?? '', r.intake.statementsPerCase ?? '', r.raw.perSecond, r.raw.p50, r.raw.p99, r.ratio]),
    ),
  );
  const last = rows[rows.length - 1];
  const result = {
    scenario: 'intake',
    durationSeconds: o.durationSeconds,
    rows,
    goal: { ratioAtLeast: '40 %', p99MsUnderAt64: 50 },
    completedOperations: rows.reduce((s, r) => s + r.intake.completed, 0),
    errors: rows.reduce((s, r) => s + r.intake.errors + r.raw.errors, 0),
    lastRow: last,
  };
  return result;
}
