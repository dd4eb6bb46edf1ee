import { EventTypes, topicOf } from '@onewindow/contracts';
import { evaluationLink } from '@onewindow/domain';
import { bootstrapService, createLogger, type RunningService } from '@onewindow/platform';
import { createTestDatabase, eventually, makeEvent, serviceEnv, TestPublisher, uniqueTopicPrefix } from '@onewindow/testing';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { AppModule } from '../../services/supervision/src/app.module';
import { loadSupervisionConfig } from '../../services/supervision/src/config/supervision.config';
import { SUPERVISION } from '../../services/supervision/src/service';
import { eventsOf, MATTERS, plan } from '../../services/supervision/test/traffic';
import { findReadModel, planRebuild, rebuild, topicsOf } from '../../tools/scripts/read-models';

jest.setTimeout(240_000);

const SECRET = 'integration-test-evaluation-secret-0123456789';

/** `npm run ops -- rebuild supervision measures`, on a read model built from real events in Kafka. */
describe('rebuilding a read model from its topics (real PostgreSQL and Kafka)', () => {
  const model = findReadModel('supervision', 'measures');
  const planned = plan();
  const events = [...MATTERS.map((m) => makeEvent(EventTypes.MatterPublished, m.code, m)), ...planned.flatMap(eventsOf)];
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let prefix: string;
  let sql: Client;
  let admin: Admin;
  let publisher: TestPublisher;
  let service: RunningService | undefined;

  const start = async () => {
    const config = loadSupervisionConfig(serviceEnv(db.url, prefix, { EVALUATION_SECRET: SECRET }));
    const logger = createLogger(SUPERVISION.service, config.LOG_LEVEL);
    const s = await bootstrapService({ ...SUPERVISION, module: AppModule.forRoot(config, logger), config, logger, httpPort: 0 });
    return { s, base: (await s.app.getUrl()).replace('[::1]', '127.0.0.1').replace('localhost', '127.0.0.1') };
  };
  /** Everything the model holds, but the bookkeeping column `updated_at`. */
  const snapshot = async () => {
    const out: Record<string, unknown[]> = {};
    for (const t of model.tables) {
      const rows = (await sql.query<Record<string, unknown>>(`SELECT * FROM supervision.${t}`)).rows.map((r) => {
        delete r.updated_at;
        return r;
      });
      out[t] = rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    }
    return out;
  };
  const volume = async (base: string) => ((await (await fetch(`${base}/api/v1/measures/volume`)).json()) as { total: number }).total;
  const deps = () => ({ sql, admin, prefix });

  beforeAll(async () => {
    db = await createTestDatabase();
    prefix = uniqueTopicPrefix('rebuild');
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    admin = new Kafka({ clientId: 'rebuild-test', brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    publisher = new TestPublisher(prefix);
  }, 60_000);

  afterAll(async () => {
    await service?.close();
    await publisher?.close();
    await sql?.end();
    if (admin) {
      const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
      if (mine.length) await admin.deleteTopics({ topics: mine }).catch(() => undefined);
      await admin.disconnect();
    }
    await db?.drop();
  });

  it('drops a damaged read model, re-reads the topics and ends with what the events built, write side untouched', async () => {
    const first = await start();
    service = first.s;
    await publisher.send(...events);
    await eventually(async () => ((await volume(first.base)) === planned.length ? true : undefined), {
      timeoutMs: 90_000,
      what: 'the read model to hold every case',
    });
    // Write side: a citizen's evaluation (好差评) of a delivered case.
    const delivered = planned.find((p) => p.handedOver)!.summary.caseId;
    const token = new URL(evaluationLink('http://x', delivered, SECRET)).searchParams.get('t');
    const evaluated = await fetch(`${first.base}/api/v1/cases/${delivered}/evaluations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ score: 5, token }),
    });
    expect(evaluated.status).toBe(201);
    const original = await snapshot();
    expect(original.case_fact).toHaveLength(planned.length);

    // Damage it: rows lost, rows wrong.
    await sql.query(`DELETE FROM supervision.case_fact WHERE case_id = ANY($1)`, [planned.slice(0, 10).map((p) => p.summary.caseId)]);
    await sql.query('UPDATE supervision.task_fact SET decided_at = NULL');
    await sql.query('DELETE FROM supervision.matter_fact');
    expect(await volume(first.base)).toBe(planned.length - 10);

    // While the service runs, the rebuild refuses and changes nothing.
    await expect(rebuild(model, deps())).rejects.toThrow(/stop every supervision instance first/);
    expect((await snapshot()).case_fact).toHaveLength(planned.length - 10);

    await service.close();
    service = undefined;
    const dry = await eventually(async () => {
      const p = await planRebuild(model, deps());
      return p.members === 0 ? p : undefined;
    });
    const rereads = dry.topics.flatMap((t) => t.partitions).reduce((n, p) => n + p.end - p.from, 0);
    expect(rereads).toBe(events.filter((e) => topicsOf(model).includes(topicOf(e.type))).length);
    expect(dry.tables).toEqual([
      { table: 'matter_fact', rows: 0 },
      { table: 'case_fact', rows: planned.length - 10 },
      { table: 'task_fact', rows: original.task_fact.length },
    ]);
    expect(dry.inboxRows).toBe(events.filter((e) => model.eventTypes.includes(e.type)).length);
    expect((await snapshot()).case_fact).toHaveLength(planned.length - 10); // the dry run dropped nothing

    await rebuild(model, deps());
    await rebuild(model, deps()); // twice: no harm
    expect(await snapshot()).toEqual({ matter_fact: [], case_fact: [], task_fact: [] });
    const evaluations = await sql.query('SELECT case_id, score FROM supervision.evaluation');
    expect(evaluations.rows).toEqual([{ case_id: delivered, score: 5 }]);

    const second = await start();
    service = second.s;
    const rebuilt = await eventually(
      async () => {
        const s = await snapshot();
        return JSON.stringify(s) === JSON.stringify(original) ? s : undefined;
      },
      { timeoutMs: 90_000, what: 'the rebuilt read model to equal the original' },
    );
    expect(rebuilt).toEqual(original);
    expect(await volume(second.base)).toBe(planned.length);
  });

  // A rebuild reads the catalogue and the case topics in parallel, so a case may come before its matter.
  it('gives a case received before its matter was published the matter’s department once the matter comes', async () => {
    const [p] = plan();
    const matter = { ...MATTERS[0], code: 'REBUILD-LATE-001', departmentCode: 'WH-LATE' };
    const received = eventsOf({ ...p, summary: { ...p.summary, matterCode: matter.code } }).filter((e) => e.type === EventTypes.CaseReceived);
    const departmentOf = async () =>
      (await sql.query<{ d: string | null }>('SELECT department_code AS d FROM supervision.case_fact WHERE case_id = $1', [p.summary.caseId])).rows[0];
    await publisher.send(...received);
    expect(await eventually(departmentOf)).toEqual({ d: null });
    await publisher.send(makeEvent(EventTypes.MatterPublished, matter.code, matter));
    await eventually(async () => ((await departmentOf())?.d === 'WH-LATE' ? true : undefined), { what: 'the late matter’s department' });
  });
});
