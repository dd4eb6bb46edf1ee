import type { DataSource } from 'typeorm';
import { notificationSchema } from './notification-schema';
import { MilestoneFactsRepository } from '../src/milestones/infrastructure/milestone-facts.repository';
import type { Recipient } from '../src/recipients/domain/recipient';

jest.setTimeout(60_000);

/** The one statement a milestone reads (and writes its recipient) with, against PostgreSQL. */
describe('milestone facts in one statement', () => {
  let schema: { ds: DataSource; drop(): Promise<void> };
  let ds: DataSource;
  const facts = new MilestoneFactsRepository();
  const applicant = (caseId: string, name: string, email?: string): Recipient => ({
    caseId,
    caseNo: `NO-${caseId}`,
    matterName: '食品经营许可',
    applicantName: name,
    ...(email ? { email } : {}),
  });
  const stored = async (caseId: string) =>
    (await ds.query('SELECT applicant_name, email, source_event_id FROM recipient WHERE case_id = $1', [caseId]))[0] as
      | { applicant_name: string; email: string | null; source_event_id: string }
      | undefined;

  beforeAll(async () => {
    schema = await notificationSchema();
    ds = schema.ds;
    await ds.query(
      `INSERT INTO message_template (event_type, channel, locale, version, subject, body) VALUES
         ('case.decided', 'EMAIL', 'zh-CN', 1, 's1', 'b1'), ('case.decided', 'EMAIL', 'zh-CN', 2, 's2', 'b2'),
         ('case.decided', 'EMAIL', 'en', 1, 'e1', 'eb1'), ('case.accepted', 'EMAIL', 'zh-CN', 3, 'a3', 'ab3')`,
    );
    await ds.query(
      `INSERT INTO webhook_subscription (id, url, event_types, secret, deleted_at) VALUES
         ('s2', 'https://b.example/', '{case.decided}', 'x', NULL), ('s1', 'https://a.example/', '{case.decided,case.accepted}', 'x', NULL),
         ('s0', 'https://gone.example/', '{case.decided}', 'x', now())`,
    );
  });

  afterAll(async () => {
    await schema?.drop();
  });

  it('reads the current template of every channel and locale and the active subscribers, oldest first', async () => {
    const f = await ds.transaction((m) => facts.read('nobody', 'case.decided', m));
    expect(f.recipient).toBeUndefined();
    expect(f.subscribers).toEqual([
      { id: 's1', url: 'https://a.example/' },
      { id: 's2', url: 'https://b.example/' },
    ]);
    expect(f.templates.map((t) => [t.eventType, t.channel, t.locale, t.version, t.subject, t.body]).sort()).toEqual([
      ['case.decided', 'EMAIL', 'en', 1, 'e1', 'eb1'],
      ['case.decided', 'EMAIL', 'zh-CN', 2, 's2', 'b2'],
    ]);
  });

  it('keep-existing stores a case not seen yet and returns it', async () => {
    const f = await ds.transaction((m) => facts.saveRecipient(applicant('c1', '张三', 'a@example.org'), 'e1', 'keep-existing', 'case.decided', m));
    expect(f.recipient).toEqual(applicant('c1', '张三', 'a@example.org'));
    expect(await stored('c1')).toEqual({ applicant_name: '张三', email: 'a@example.org', source_event_id: 'e1' });
  });

  it('keep-existing leaves a known case as it is and returns what is stored', async () => {
    const f = await ds.transaction((m) => facts.saveRecipient(applicant('c1', '李四'), 'e2', 'keep-existing', 'case.decided', m));
    expect(f.recipient).toEqual(applicant('c1', '张三', 'a@example.org'));
    expect(f.subscribers.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(await stored('c1')).toEqual({ applicant_name: '张三', email: 'a@example.org', source_event_id: 'e1' });
  });

  it('replace overwrites the stored contact, and reads the subscribers and templates of its own event type', async () => {
    const f = await ds.transaction((m) => facts.saveRecipient(applicant('c1', '王五'), 'e3', 'replace', 'case.accepted', m));
    expect(f.subscribers.map((s) => s.id)).toEqual(['s1']);
    expect(f.templates.map((t) => [t.channel, t.locale, t.version])).toEqual([['EMAIL', 'zh-CN', 3]]);
    expect(await stored('c1')).toEqual({ applicant_name: '王五', email: null, source_event_id: 'e3' });
    const read = await ds.transaction((m) => facts.read('c1', 'case.accepted', m));
    expect(read.recipient).toEqual(applicant('c1', '王五'));
  });
});
