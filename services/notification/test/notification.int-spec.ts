import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import {
  type CaseAccepted,
  type CaseDecided,
  type CaseReceived,
  DeadLetterTopics,
  type DocumentHandedOver,
  type DocumentIssued,
  EventTypes,
  Topics,
} from '@onewindow/contracts';
import { bootstrapService, createLogger, type RunningService } from '@onewindow/platform';
import {
  createTestDatabase,
  EventProbe,
  eventually,
  makeEvent,
  serviceEnv,
  SmtpSink,
  TestPublisher,
  uniqueTopicPrefix,
  WebhookSink,
} from '@onewindow/testing';
import { ulid } from 'ulid';
import { AppModule } from '../src/app.module';
import { loadNotificationConfig } from '../src/config/notification.config';
import { NOTIFICATION } from '../src/service';

jest.setTimeout(120_000);

const SECRET = 'test-webhook-secret-0123456789abcdef';
const MAX_ATTEMPTS = 5;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/** A subscriber that accepts the connection and never answers. */
async function startHangingServer(): Promise<{ url: string; server: Server }> {
  const server = createHttpServer(() => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  return { url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/stuck`, server };
}

function applicantCase(email: string | undefined, name = '张三') {
  const caseId = ulid();
  return {
    caseId,
    caseNo: `420102-20261127-${caseId.slice(-6)}`,
    matterCode: '11420000MB0000001X-001',
    matterVersion: 1,
    matterName: '食品经营许可',
    regionCode: '420102',
    channel: 'WINDOW' as const,
    applicant: {
      kind: 'NATURAL_PERSON' as const,
      name,
      idNumber: '11010519491231002X',
      contact: { phone: '13800000000', ...(email ? { email } : {}) },
    },
  };
}
type Summary = ReturnType<typeof applicantCase>;

const received = (s: Summary): CaseReceived => ({ ...s, receivedAt: '2026-11-27T01:00:00Z', materials: [] });
const accepted = (s: Summary): CaseAccepted => ({
  ...s,
  acceptedAt: '2026-11-27T02:00:00Z',
  departmentCode: 'HB-SCJGJ',
  materials: [],
  legalLimitDays: 20,
  promisedLimitDays: 10,
  promisedDate: '2026-12-11',
});
const decided = (s: Summary): CaseDecided => ({
  ...s,
  outcome: 'APPROVED',
  reasons: [],
  departments: [{ taskId: ulid(), departmentCode: 'HB-SCJGJ', outcome: 'APPROVED' }],
  leadDepartmentCode: 'HB-SCJGJ',
  decidedAt: '2026-12-01T02:00:00Z',
});
const issued = (s: Summary, documentNo: string): DocumentIssued => ({
  documentId: ulid(),
  documentNo,
  caseId: s.caseId,
  caseNo: s.caseNo,
  kind: 'LICENCE',
  title: '食品经营许可（电子证照）',
  matterCode: s.matterCode,
  departmentCode: 'HB-SCJGJ',
  holder: { kind: 'NATURAL_PERSON', name: s.applicant.name, idNumber: s.applicant.idNumber },
  issuedAt: '2026-12-01T03:00:00Z',
  validUntil: '2031-11-30',
  verificationCode: 'K7QM3XHP9RTA',
});
const handedOver = (s: Summary, documentNo: string): DocumentHandedOver => ({
  documentId: ulid(),
  documentNo,
  caseId: s.caseId,
  caseNo: s.caseNo,
  method: 'WINDOW',
  collectorName: s.applicant.name,
  collectorRole: 'HOLDER',
  handedOverBy: 'clerk-7',
  handedOverAt: '2026-12-02T08:05:00Z',
});

interface Delivery {
  id: string;
  channel: string;
  recipient: string;
  status: string;
  attempts: number;
  triggerEventId: string;
  triggerEventType: string;
  lastError?: string;
}

describe('notification (real PostgreSQL, Kafka, SMTP and HTTP subscribers)', () => {
  const prefix = uniqueTopicPrefix('nt');
  const smtp = new SmtpSink();
  const hook = new WebhookSink();
  let hanging: { url: string; server: Server };
  let hookUrl: string;
  let db: { url: string; drop(): Promise<void> };
  let service: RunningService;
  let base: string;
  let publisher: TestPublisher;
  let probe: EventProbe;

  const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const r = await fetch(base + path);
    return { status: r.status, body: (await r.json()) as T };
  };
  const deliveriesOf = async (caseId: string) =>
    (await get<{ items: Delivery[] }>(`/api/v1/deliveries?caseId=${caseId}&limit=100`)).body.items;
  const mailsTo = (address: string, subjectPart = '') =>
    smtp.messages.filter((m) => m.to.includes(address) && m.subject.includes(subjectPart));
  const callsFor = (eventId: string) =>
    hook.calls.filter((c) => c.headers['x-onewindow-event-id'] === eventId);

  beforeAll(async () => {
    await smtp.start();
    hookUrl = await hook.start();
    hanging = await startHangingServer();
    db = await createTestDatabase();
    const port = await freePort();
    const config = loadNotificationConfig(
      serviceEnv(db.url, prefix, {
        HTTP_PORT: String(port),
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_FROM: '"武汉市政务服务中心" <noreply@zwfw.example.org>',
        WEBHOOK_URLS: `${hookUrl},${hanging.url}`,
        WEBHOOK_SECRET: SECRET,
        WEBHOOK_TIMEOUT_MS: '1000',
        MAX_ATTEMPTS: String(MAX_ATTEMPTS),
        DELIVERY_RETRY_BASE_MS: '300',
        DELIVERY_RETRY_MAX_MS: '3000',
        DELIVERY_POLL_INTERVAL_MS: '100',
      }),
    );
    const logger = createLogger(NOTIFICATION.service, config.LOG_LEVEL);
    service = await bootstrapService({
      ...NOTIFICATION,
      module: AppModule.forRoot(config, logger),
      config,
      logger,
      httpPort: port,
    });
    base = service.urls.http;
    publisher = new TestPublisher(prefix);
    probe = new EventProbe(prefix, [Topics.NotificationDeliveryEvents, DeadLetterTopics.notification]);
    await probe.start();
  });

  afterAll(async () => {
    await probe?.stop();
    await publisher?.close();
    hanging?.server.closeAllConnections();
    hanging?.server.close();
    await service?.close();
    await db?.drop();
    await smtp.stop();
    await hook.stop();
  });

  const zhang = applicantCase('zhangsan@example.org');
  const documentNo = 'HB-SCJGJ-2026-000042';
  const events = {
    received: makeEvent(EventTypes.CaseReceived, zhang.caseId, received(zhang)),
    supplement: makeEvent(EventTypes.CaseSupplementRequired, zhang.caseId, {
      caseId: zhang.caseId,
      caseNo: zhang.caseNo,
      requestedAt: '2026-11-27T01:30:00Z',
      missing: [
        { code: 'M1', name: '营业执照副本', problem: '复印件不清晰' },
        { code: 'M2', name: '从业人员健康证明', problem: '未提交' },
      ],
    }),
    accepted: makeEvent(EventTypes.CaseAccepted, zhang.caseId, accepted(zhang)),
    decided: makeEvent(EventTypes.CaseDecided, zhang.caseId, decided(zhang)),
    issued: makeEvent(EventTypes.DocumentIssued, zhang.caseId, issued(zhang, documentNo)),
    handedOver: makeEvent(EventTypes.DocumentHandedOver, zhang.caseId, handedOver(zhang, documentNo)),
  };

  it('mails the applicant once per milestone, in Chinese, even when events are delivered twice', async () => {
    // Redeliveries of the supplement notice and of the issue notice, each followed on its partition by the next milestone.
    await publisher.send(events.received, events.supplement, events.supplement, events.accepted);
    await publisher.send(events.decided);
    await publisher.send(events.issued, events.issued, events.handedOver);

    const to = 'zhangsan@example.org';
    await eventually(async () => (mailsTo(to).length >= 5 ? true : undefined), {
      what: 'five mails to the applicant',
    });
    // Once the last milestone of each partition is mailed, a duplicate would have been queued before it.
    await eventually(
      async () =>
        mailsTo(to, '出件通知').length === 1 && mailsTo(to, '受理通知').length === 1 ? true : undefined,
      {
        what: 'the last mails',
      },
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(
      mailsTo(to)
        .map((m) => m.subject)
        .sort(),
    ).toEqual(
      [
        `【一次性告知】您的办件 ${zhang.caseNo} 需补正材料`,
        `【受理通知】您的办件 ${zhang.caseNo} 已受理`,
        `【审批结果】您的办件 ${zhang.caseNo} 已审批通过`,
        `【领取通知】您的办件 ${zhang.caseNo} 结果文书已可领取`,
        `【出件通知】您的办件 ${zhang.caseNo} 结果文书已领取`,
      ].sort(),
    );
    const mail = (part: string) => mailsTo(to, part)[0];
    expect(mail('需补正材料').text).toContain(
      '1. 营业执照副本（复印件不清晰）\n2. 从业人员健康证明（未提交）',
    );
    expect(mail('需补正材料').text).toContain('张三，您好');
    expect(mail('已受理').text).toContain('承诺办结日期：2026年12月11日');
    expect(mail('已可领取').text).toContain(`文书编号：${documentNo}`);
    expect(mail('已领取').text).toContain('由您本人在综合窗口领取');
    expect(mail('已受理').from).toBe('noreply@zwfw.example.org');

    const log = await deliveriesOf(zhang.caseId);
    const emails = log.filter((d) => d.channel === 'EMAIL');
    expect(emails).toHaveLength(5);
    expect(new Set(emails.map((d) => d.triggerEventId)).size).toBe(5);
    // Each mail carries its delivery's id as Message-ID, so a resend after a crash is one message to mail systems.
    expect(mailsTo(to).map((m) => m.messageId).sort()).toEqual(emails.map((d) => `<${d.id}.delivery@zwfw.example.org>`).sort());
    expect(emails.every((d) => d.recipient === 'z***@example.org')).toBe(true);
    expect(JSON.stringify(log)).not.toContain('zhangsan@');
  });

  it('calls the webhook subscriber once per milestone with a signature it can check', async () => {
    const milestoneIds = [
      events.supplement,
      events.accepted,
      events.decided,
      events.issued,
      events.handedOver,
    ].map((e) => e.id);
    await eventually(async () => (milestoneIds.every((id) => callsFor(id).length > 0) ? true : undefined), {
      what: 'a webhook call per milestone',
    });
    for (const id of milestoneIds) expect(callsFor(id)).toHaveLength(1);

    const call = callsFor(events.accepted.id)[0];
    const timestamp = String(call.headers['x-onewindow-timestamp']);
    const signature = String(call.headers['x-onewindow-signature']);
    const expected = `v1=${createHmac('sha256', SECRET).update(`${timestamp}.${call.body}`).digest('hex')}`;
    expect(timingSafeEqual(Buffer.from(signature), Buffer.from(expected))).toBe(true);
    expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(120);
    const wrongKey = `v1=${createHmac('sha256', 'another-secret').update(`${timestamp}.${call.body}`).digest('hex')}`;
    expect(signature).not.toBe(wrongKey);

    const body = call.json as {
      event: Record<string, unknown> & { data: CaseAccepted };
      message: { subject: string; text: string };
    };
    expect(body.event).toMatchObject({
      id: events.accepted.id,
      type: 'case.accepted',
      specversion: '1.0',
      subject: zhang.caseId,
      correlationid: events.accepted.correlationid,
      source: '/onewindow/test',
    });
    expect(body.event.data.promisedDate).toBe('2026-12-11');
    expect(body.message.subject).toBe(`【受理通知】您的办件 ${zhang.caseNo} 已受理`);
    expect(call.headers['content-type']).toContain('application/json');
  });

  it('announces each delivery with the recipient masked', async () => {
    const delivered = await eventually(
      async () => {
        const mine = probe
          .ofType(EventTypes.NotificationDelivered, zhang.caseId)
          .filter((e) => e.data.channel === 'EMAIL');
        return mine.length === 5 ? mine : undefined;
      },
      { what: 'notification.delivered for the five mails' },
    );
    const accepted = delivered.find((e) => e.data.triggerEventId === events.accepted.id)!;
    expect(accepted.data).toMatchObject({
      recipient: 'z***@example.org',
      triggerEventType: 'case.accepted',
      attempts: 1,
    });
    expect(accepted.causationid).toBe(events.accepted.id);
    expect(accepted.correlationid).toBe(events.accepted.correlationid);
    expect(probe.raw.some((m) => m.value.includes('zhangsan@') || m.value.includes('13800000000'))).toBe(
      false,
    );
  });

  it('retries a failing subscriber and delivers to it once it recovers, while e-mails go out meanwhile', async () => {
    const li = applicantCase('lisi@example.org', '李四');
    const acc = makeEvent(EventTypes.CaseAccepted, li.caseId, accepted(li));
    hook.failWith = 503;
    try {
      await publisher.send(makeEvent(EventTypes.CaseReceived, li.caseId, received(li)), acc);
      await eventually(async () => (mailsTo('lisi@example.org').length === 1 ? true : undefined), {
        what: 'the mail to 李四',
      });
      const failing = await eventually(
        async () => {
          const d = (await deliveriesOf(li.caseId)).find(
            (x) => x.channel === 'WEBHOOK' && x.recipient === hookUrl,
          );
          return d && d.attempts >= 2 && d.status === 'PENDING' ? d : undefined;
        },
        { what: 'a second failed attempt at the webhook' },
      );
      expect(failing.lastError).toContain('503');
      expect(callsFor(acc.id)).toHaveLength(0);
    } finally {
      hook.failWith = undefined;
    }
    const done = await eventually(
      async () => {
        const d = (await deliveriesOf(li.caseId)).find(
          (x) => x.channel === 'WEBHOOK' && x.recipient === hookUrl,
        );
        return d?.status === 'DELIVERED' ? d : undefined;
      },
      { what: 'the webhook delivered after recovery' },
    );
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    expect(callsFor(acc.id)).toHaveLength(1);
  });

  it('waits for the applicant when a document event comes before intake’s events', async () => {
    const wang = applicantCase('wangwu@example.org', '王五');
    await publisher.send(
      makeEvent(EventTypes.DocumentIssued, wang.caseId, issued(wang, 'HB-SCJGJ-2026-000077')),
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(mailsTo('wangwu@example.org')).toHaveLength(0);

    await publisher.send(makeEvent(EventTypes.CaseReceived, wang.caseId, received(wang)));
    const mail = await eventually(async () => mailsTo('wangwu@example.org', '领取通知')[0], {
      what: 'the pickup mail to 王五',
    });
    expect(mail.text).toContain('HB-SCJGJ-2026-000077');
    expect(mail.text).toContain('王五，您好');
  });

  it('tells an applicant why the case was not accepted, before any acceptance was ever announced', async () => {
    const sun = applicantCase('sunqi@example.org', '孙七');
    await publisher.send(
      makeEvent(EventTypes.CaseReceived, sun.caseId, received(sun)),
      makeEvent(EventTypes.CaseNotAccepted, sun.caseId, {
        caseId: sun.caseId,
        caseNo: sun.caseNo,
        reason: '申请事项依法不需要取得行政许可',
        legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（一）项',
        decidedAt: '2026-11-27T03:00:00Z',
      }),
    );
    const mail = await eventually(async () => mailsTo('sunqi@example.org')[0], {
      what: 'the refusal mail to 孙七',
    });
    expect(mail.subject).toBe(`【不予受理通知】您的办件 ${sun.caseNo} 不予受理`);
    expect(mail.text).toContain('“食品经营许可”');
    expect(mail.text).toContain('理由：申请事项依法不需要取得行政许可');
    expect(mail.text).toContain('依据：《中华人民共和国行政许可法》第三十二条第一款第（一）项');
  });

  it('tells the applicant that a poor rating went to the department for rectification, and later its answer', async () => {
    const zhao = applicantCase('zhaoliu@example.org', '赵六');
    const rectificationId = ulid();
    const ref = { rectificationId, caseId: zhao.caseId, departmentCode: 'HB-SCJGJ' };
    await publisher.send(
      makeEvent(EventTypes.CaseReceived, zhao.caseId, received(zhao)),
      makeEvent(EventTypes.EvaluationSubmitted, zhao.caseId, {
        caseId: zhao.caseId,
        caseNo: zhao.caseNo,
        matterCode: zhao.matterCode,
        departmentCode: 'HB-SCJGJ',
        regionCode: '420102',
        score: 1,
        label: '非常不满意',
        reason: '窗口人员态度生硬',
        submittedAt: '2026-12-02T09:00:00Z',
      }),
      makeEvent(EventTypes.RectificationOpened, zhao.caseId, {
        ...ref,
        caseNo: zhao.caseNo,
        score: 1,
        reason: '窗口人员态度生硬',
        deadline: '2026-12-23',
        openedAt: '2026-12-02T09:00:00Z',
      }),
      makeEvent(EventTypes.RectificationResponded, zhao.caseId, {
        ...ref,
        response: '已对窗口人员进行批评教育并组织服务规范培训。',
        respondedBy: 'officer-hb-scjgj-1',
        late: false,
        respondedAt: '2026-12-10T09:00:00Z',
      }),
    );
    const [opened, answered] = await eventually(
      async () => {
        const m = [mailsTo('zhaoliu@example.org', '差评整改')[0], mailsTo('zhaoliu@example.org', '整改答复')[0]];
        return m[0] && m[1] ? m : undefined;
      },
      { what: 'both rectification mails to 赵六' },
    );
    expect(opened.subject).toBe(`【差评整改】您对办件 ${zhao.caseNo} 的评价已转承办部门整改`);
    expect(opened.text).toContain('将于 2026年12月23日 前答复您');
    expect(answered.text).toContain('承办部门答复如下：\n已对窗口人员进行批评教育并组织服务规范培训。');
    // The rating itself is supervision's business, not a message: only the two rectification mails go out.
    expect(mailsTo('zhaoliu@example.org')).toHaveLength(2);
  });

  it('gives up on a subscriber that never answers after MAX_ATTEMPTS and says so', async () => {
    const failed = await eventually(
      async () =>
        probe
          .ofType(EventTypes.NotificationFailed, zhang.caseId)
          .find((e) => e.data.triggerEventId === events.supplement.id),
      { what: 'notification.failed for the hanging subscriber', timeoutMs: 90_000 },
    );
    expect(failed.data).toMatchObject({ channel: 'WEBHOOK', attempts: MAX_ATTEMPTS, recipient: hanging.url });
    expect(failed.data.error).toMatch(/timeout|abort/i);
    const row = (await deliveriesOf(zhang.caseId)).find(
      (d) => d.triggerEventId === events.supplement.id && d.recipient === hanging.url,
    );
    expect(row).toMatchObject({ status: 'FAILED', attempts: MAX_ATTEMPTS });
  });

  it('sends a malformed milestone to its dead-letter topic and keeps consuming', async () => {
    const id = ulid();
    await publisher.sendRaw(Topics.IntakeCaseEvents, {
      key: id,
      value: JSON.stringify({ caseId: id, caseNo: 'X' }),
      headers: {
        ce_id: `poison-${id}`,
        ce_type: EventTypes.CaseAccepted,
        ce_source: '/onewindow/test',
        ce_specversion: '1.0',
        ce_time: new Date().toISOString(),
        ce_subject: id,
        ce_sequence: '1',
      },
    });
    const dead = await eventually(
      async () =>
        probe.raw.find(
          (m) => m.topic === DeadLetterTopics.notification && m.headers.ce_id === `poison-${id}`,
        ),
      { what: 'the poison message on the dead-letter topic' },
    );
    expect(dead.headers['dlq-error']).toContain('cannot decode event');

    const zhao = applicantCase('zhaoliu@example.org', '赵六');
    await publisher.send(
      makeEvent(EventTypes.CaseReceived, zhao.caseId, received(zhao)),
      makeEvent(EventTypes.CaseAccepted, zhao.caseId, accepted(zhao)),
    );
    await eventually(async () => mailsTo('zhaoliu@example.org')[0], {
      what: 'the mail after the poison message',
    });
  });

  it('pages through the delivery log and answers problems for bad requests', async () => {
    const all = await deliveriesOf(zhang.caseId);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Delivery[]; nextCursor: string | null } } = await get(
        `/api/v1/deliveries?caseId=${zhang.caseId}&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.body.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.body.items.map((d) => d.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((d) => d.id));
    expect([...seen].sort().reverse()).toEqual(seen); // newest first

    const one = await get<Delivery>(`/api/v1/deliveries/${all[0].id}`);
    expect(one.body).toMatchObject({ id: all[0].id, caseId: zhang.caseId });
    const missing = await get<{ type: string }>(`/api/v1/deliveries/${ulid()}`);
    expect(missing).toMatchObject({ status: 404, body: { type: '/problems/delivery-not-found' } });
    const bad = await get<{ type: string }>('/api/v1/deliveries?status=LOST');
    expect(bad).toMatchObject({ status: 400, body: { type: '/problems/validation-error' } });
    const blanks = await get<{ items: Delivery[] }>('/api/v1/deliveries?caseId=&status=&limit=&cursor=');
    expect(blanks.status).toBe(200);
    expect(blanks.body.items.length).toBe(20);
  });

  it('publishes an OpenAPI document with the delivery log', async () => {
    const r = await get<{ paths: Record<string, unknown> }>('/docs/openapi.json');
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/deliveries', '/api/v1/deliveries/{id}']),
    );
  });
});
