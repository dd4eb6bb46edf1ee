import { CloudEventHeaders, EventTypes } from '@onewindow/contracts';
import { createTestDatabase } from '@onewindow/testing';
import { ulid } from 'ulid';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../database/data-source';
import { createPlatformTables } from '../database/platform-tables';
import { EventPublisher } from './event-publisher';

/** The outbox writes in one statement each: numbering, rows and the relay's wake-up, against a real PostgreSQL. */
describe('EventPublisher', () => {
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;
  let statements = 0;
  const publisher = new EventPublisher('notification', 'outbox_test');
  const CASE_A = ulid();
  const CASE_B = ulid();
  const delivered = (caseId: string) => ({
    deliveryId: ulid(),
    caseId,
    triggerEventId: 'e-1',
    triggerEventType: 'case.accepted',
    channel: 'EMAIL' as const,
    recipient: 'z***@example.cn',
    attempts: 1,
    deliveredAt: new Date().toISOString(),
  });
  const Delivered = EventTypes.NotificationDelivered;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Counted as the services count (onewindow_db_statements_total): every statement sent, BEGIN and COMMIT included.
    ds = new DataSource(buildDataSourceOptions({ url: db.url, schema: 'public', entities: [], migrations: [], onQuery: () => statements++ }));
    await ds.initialize();
    const q = ds.createQueryRunner();
    await createPlatformTables(q);
    await q.query('CREATE TABLE caller_rows (id text PRIMARY KEY, note text)');
    await q.release();
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const outbox = async (subject: string) =>
    (await ds.query(`SELECT event_id, event_type, headers FROM outbox WHERE message_key = $1 ORDER BY position`, [subject])) as Array<{
      event_id: string;
      event_type: string;
      headers: Record<string, string>;
    }>;

  it('numbers the events of a subject 1, 2, 3 and wakes the relay once per transaction, one statement per event', async () => {
    const listener = new Client({ connectionString: db.url });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (n) => heard.push(n.channel));
    await listener.query('LISTEN outbox_test');
    try {
      const before = statements;
      const published = await ds.transaction(async (m) => [
        await publisher.publish(m, Delivered, CASE_A, delivered(CASE_A)),
        await publisher.publish(m, Delivered, CASE_A, delivered(CASE_A)),
      ]);
      expect(statements - before).toBe(4); // BEGIN, two events, COMMIT
      const third = await ds.transaction((m) => publisher.publish(m, Delivered, CASE_A, delivered(CASE_A)));
      expect([...published, third].map((e) => e.sequence)).toEqual([1, 2, 3]);
      const rows = await outbox(CASE_A);
      expect(rows.map((r) => r.headers[CloudEventHeaders.sequence])).toEqual(['1', '2', '3']);
      expect(rows.map((r) => r.event_id)).toEqual([...published, third].map((e) => e.id));
      await new Promise((r) => setTimeout(r, 200));
      expect(heard).toEqual(['outbox_test', 'outbox_test']);
    } finally {
      await listener.end();
    }
  });

  it("writes a new subject's first events with the caller's own rows in one statement", async () => {
    const first = publisher.prepare(Delivered, CASE_B, delivered(CASE_B), undefined, 1);
    const second = publisher.prepare(Delivered, CASE_B, delivered(CASE_B), { id: first.id, correlationid: first.correlationid }, 2);
    const before = statements;
    await ds.transaction((m) =>
      publisher.publishFirst(m, [first, second], [
        { sql: 'INSERT INTO caller_rows (id, note) VALUES ($1, $2)', params: ['CASE-B', 'the case row'] },
        { sql: 'INSERT INTO caller_rows (id, note) VALUES ($1, $2)', params: ['CASE-B/2', 'its timeline'] },
      ]),
    );
    expect(statements - before).toBe(3); // BEGIN, everything, COMMIT
    expect(await ds.query('SELECT id, note FROM caller_rows ORDER BY id')).toEqual([
      { id: 'CASE-B', note: 'the case row' },
      { id: 'CASE-B/2', note: 'its timeline' },
    ]);
    const rows = await outbox(CASE_B);
    expect(rows.map((r) => [r.event_id, r.headers[CloudEventHeaders.sequence], r.headers[CloudEventHeaders.causationid]])).toEqual([
      [first.id, '1', first.id],
      [second.id, '2', first.id],
    ]);
    // The next event continues the numbering.
    const third = await ds.transaction((m) => publisher.publish(m, Delivered, CASE_B, delivered(CASE_B)));
    expect(third.sequence).toBe(3);
  });

  it('refuses to number a subject twice: nothing of the statement is kept', async () => {
    const again = publisher.prepare(Delivered, CASE_B, delivered(CASE_B), undefined, 1);
    await expect(
      ds.transaction((m) => publisher.publishFirst(m, [again], [{ sql: 'INSERT INTO caller_rows (id, note) VALUES ($1, $2)', params: ['CASE-B/again', 'x'] }])),
    ).rejects.toThrow(/event_sequence/);
    expect(await ds.query(`SELECT id FROM caller_rows WHERE id = 'CASE-B/again'`)).toEqual([]);
    expect((await outbox(CASE_B)).length).toBe(3);
    const C = ulid();
    await expect(ds.transaction((m) => publisher.publishFirst(m, [publisher.prepare(Delivered, C, delivered(C), undefined, 2)]))).rejects.toThrow(/numbered 1..n/);
    expect(await outbox(C)).toEqual([]);
  });
});
