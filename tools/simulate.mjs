#!/usr/bin/env node
// `npm run simulate -- --day 2026-11-27 --cases 2000`: a day of traffic through the running system
// (`npm start`), over its real doors only: intake REST (register, supplement), the departments'
// gRPC queue (claim, decide), document-issuance REST (handover at the window, by courier or
// electronically) and supervision REST (好差评 with the signed link). Cases run in waves so that
// applicants of later waves reuse documents issued in earlier ones (共享材料). Timestamps are the
// system's clock; --day seeds the random choices and names the idempotency keys, so a rerun of the
// same day adds nothing twice.
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
const DAY = arg('day', new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
const CASES = Number(arg('cases', 200));
const CONCURRENCY = Number(arg('concurrency', 6));
const WAVES = Math.max(1, Number(arg('waves', CASES >= 30 ? 3 : 1)));
const TIMEOUT_MS = Number(arg('timeout-minutes', 30)) * 60_000;
if (!/^\d{4}-\d{2}-\d{2}$/.test(DAY) || !Number.isInteger(CASES) || CASES < 1 || CASES > 20_000) {
  process.stderr.write('usage: npm run simulate -- [--day YYYY-MM-DD] [--cases 1..20000] [--concurrency N] [--waves N]\n');
  process.exit(2);
}
const env = process.env;
const INTAKE = env.INTAKE_URL ?? 'http://127.0.0.1:3001';
const ISSUANCE = env.ISSUANCE_URL ?? 'http://127.0.0.1:3004';
const SUPERVISION = env.SUPERVISION_URL ?? 'http://127.0.0.1:3006';
const GRPC = env.APPROVAL_GRPC ?? '127.0.0.1:50051';
const secretsFile = join(root, '.local/dev-secrets.json');
const secrets = existsSync(secretsFile) ? JSON.parse(readFileSync(secretsFile, 'utf8')) : {};
const AUTH_JWT_SECRET = env.AUTH_JWT_SECRET ?? secrets.AUTH_JWT_SECRET;
const EVALUATION_SECRET = env.EVALUATION_SECRET ?? secrets.EVALUATION_SECRET;
if (!AUTH_JWT_SECRET || !EVALUATION_SECRET) {
  process.stderr.write('simulate: AUTH_JWT_SECRET and EVALUATION_SECRET are needed (npm start keeps them in .local/dev-secrets.json)\n');
  process.exit(2);
}
const deadline = Date.now() + TIMEOUT_MS;
const started = Date.now();
const say = (line) => process.stdout.write(`[simulate ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

if (!existsSync(join(root, 'dist/libs/proto/src/index.js'))) spawnSync(process.execPath, [join(root, 'tools/build.mjs')], { cwd: root, stdio: 'inherit' });
const { approvalV1GrpcJs: pb } = require(join(root, 'dist/libs/proto/src/index.js'));
const { citizenIdCheckChar, usccCheckChar } = require(join(root, 'dist/libs/domain/src/index.js'));
const { credentials, Metadata } = require('@grpc/grpc-js');

// ---- deterministic randomness per day (mulberry32) ----
let seed = [...DAY].reduce((h, c) => (Math.imul(h ^ c.charCodeAt(0), 2654435761) >>> 0), 7);
const rnd = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(rnd() * list.length)];
const weighted = (pairs) => {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [v, w] of pairs) if ((x -= w) < 0) return v;
  return pairs[pairs.length - 1][0];
};

// ---- the catalogue and the people ----
const matters = JSON.parse(readFileSync(join(root, 'seeds/matters.json'), 'utf8')).filter((m) => m.status !== 'RETIRED');
// Some matters are far more frequent than others (高频事项).
const matterWeight = new Map(matters.map((m, i) => [m.code, 1 + ((i * 7) % 11) + (m.kind === 'INSTANT' ? 6 : 0)]));
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂柴焦向柳邢岳齐沿梅莫庄辛管祝左涂谷祁时舒耿牟卜路詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮桂闵欧阳解强';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红娥玲芬鹏辉建华建国志强海燕晨曦子涵梓轩浩然欣怡思远';
const COMPANY = ['餐饮管理', '商贸', '科技', '建筑工程', '物流', '医药连锁', '文化传媒', '农业开发', '食品', '汽车服务'];
const CITY_NAMES = { '420100': '武汉', '420200': '黄石', '420300': '十堰', '420500': '宜昌', '420600': '襄阳', '420700': '鄂州', '420800': '荆门', '420900': '孝感', '421000': '荆州', '421100': '黄冈', '421200': '咸宁', '421300': '随州', '422800': '恩施' };

function citizenId(n) {
  const area = pick(['420102', '420103', '420104', '420106', '420111', '420502', '420602', '420302']);
  const y = 1950 + (n % 55);
  const m = String(1 + (n % 12)).padStart(2, '0');
  const d = String(1 + (n % 28)).padStart(2, '0');
  const first = `${area}${y}${m}${d}${String(n % 1000).padStart(3, '0')}`;
  return first + citizenIdCheckChar(first);
}
function uscc(n) {
  const first = `91${pick(['420100', '420500', '420600'])}MA${String(n % 10_000_000).padStart(7, '0')}`;
  return first + usccCheckChar(first);
}
const applicants = [];
function newApplicant() {
  const n = applicants.length + 1 + Math.floor(rnd() * 1e6);
  const legal = rnd() < 0.35;
  const a = legal
    ? { kind: 'LEGAL_PERSON', name: `${pick(Object.values(CITY_NAMES))}${pick(SURNAMES)}${pick(GIVEN)}${pick(COMPANY)}有限公司`, idNumber: uscc(n) }
    : { kind: 'NATURAL_PERSON', name: `${pick(SURNAMES)}${pick(GIVEN)}${rnd() < 0.5 ? pick(GIVEN) : ''}`, idNumber: citizenId(n) };
  a.contact = rnd() < 0.7 ? { phone: `1${pick(['38', '39', '58', '86', '99'])}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}` } : { email: `applicant${n}@example.org` };
  a.held = new Set(); // matter codes whose result this applicant holds
  applicants.push(a);
  return a;
}

// ---- HTTP and gRPC helpers ----
const clerkTokens = new Map();
/**
 * The REST guard wants a clerk's token at intake and issuance: clerks of the provincial centre
 * (region 420000 reaches every county), one token per clerk so each has its own rate limit.
 */
async function asClerk(clerkId) {
  if (!clerkTokens.has(clerkId)) {
    clerkTokens.set(
      clerkId,
      new SignJWT({ role: 'clerk', regionCode: '420000', serviceCentre: 'HB-ZWFW-SIMULATE' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(env.AUTH_JWT_ISSUER ?? 'onewindow')
        .setAudience(env.AUTH_JWT_AUDIENCE ?? 'onewindow')
        .setSubject(clerkId)
        .setIssuedAt()
        .setExpirationTime('12h')
        .sign(new TextEncoder().encode(AUTH_JWT_SECRET)),
    );
  }
  return { authorization: `Bearer ${await clerkTokens.get(clerkId)}` };
}
const clerkOf = (n) => `clerk-${String(1 + (n % 40)).padStart(4, '0')}`;
async function http(method, url, body, headers = {}) {
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await fetch(url, {
        method,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : undefined };
    } catch (e) {
      if (attempt >= 4) throw e;
      await sleep(500 * 2 ** attempt);
    }
  }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function pool(items, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, items.length) }, async () => {
      while (next < items.length && Date.now() < deadline) await fn(items[next++]);
    }),
  );
}
const client = new pb.DepartmentQueueServiceClient(GRPC, credentials.createInsecure());
const call = (method, request, md) =>
  new Promise((ok, fail) => client[method](request, md, { deadline: Date.now() + 30_000 }, (e, r) => (e ? fail(e) : ok(r))));
const tokens = new Map();
// The officer a department token is minted for: a decision must name the token's subject.
const officerOf = (department) => `sim-${department.toLowerCase()}`;
function metadataFor(department) {
  if (!tokens.has(department)) {
    const r = spawnSync(process.execPath, [join(root, 'dist/services/departmental-approval/src/mint-token.js'), department, officerOf(department)], {
      env: { PATH: env.PATH, AUTH_JWT_SECRET },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`cannot mint a token for ${department}: ${r.stderr}`);
    const md = new Metadata();
    md.set('authorization', `Bearer ${r.stdout.trim()}`);
    tokens.set(department, md);
  }
  return tokens.get(department);
}
const evaluationToken = (caseId) => createHmac('sha256', EVALUATION_SECRET).update(`evaluation:${caseId}`).digest('base64url');

// ---- one wave: register → department decisions → handover → evaluations ----
const stats = { registered: 0, supplemented: 0, decided: 0, denied: 0, handedOver: 0, evaluated: 0, poor: 0, failures: 0 };
const failed = (what, r) => {
  stats.failures++;
  if (stats.failures <= 10) say(`  ! ${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
};
let serial = 0;

async function register(count, wave) {
  const cases = [];
  const jobs = Array.from({ length: count }, () => {
    // Later waves bring back applicants of earlier ones (30 %), who then need fewer papers.
    const returning = wave > 0 && applicants.length > 0 && rnd() < 0.3;
    const applicant = returning ? pick(applicants) : newApplicant();
    const reuseCandidates = matters.filter((m) => m.materials.some((x) => x.shareable && x.providedByMatterCodes?.some((c) => applicant.held.has(c))));
    const matter = returning && reuseCandidates.length && rnd() < 0.8 ? pick(reuseCandidates) : weighted(matters.map((m) => [m, matterWeight.get(m.code)]));
    const channel = weighted([['WINDOW', 45], ['ONLINE', matter.online ? 40 : 0], ['HOTLINE', 5], ['ASSISTED', 10]]);
    const regionCode = pick(matter.regionCodes);
    const incomplete = rnd() < 0.08;
    const required = matter.materials.filter((x) => x.required);
    let provided = required.filter((x) => !(x.shareable && x.providedByMatterCodes?.some((c) => applicant.held.has(c))));
    const left = incomplete ? provided.filter((x) => !x.shareable).slice(-1) : [];
    provided = provided.filter((x) => !left.includes(x));
    return { n: ++serial, applicant, matter, channel, regionCode, provided, left };
  });
  await pool(jobs, async (j) => {
    const key = `sim-${DAY}-${j.n}`;
    const { held: _held, ...applicant } = j.applicant;
    const agent = j.channel === 'ASSISTED' ? { name: '帮办员' + pick(SURNAMES), idNumber: citizenId(900_000 + j.n), authorisationRef: `SQ-${DAY}-${j.n}` } : undefined;
    const r = await http('POST', `${INTAKE}/api/v1/cases`, {
      matterCode: j.matter.code,
      regionCode: j.regionCode,
      channel: j.channel,
      applicant,
      ...(agent ? { agent } : {}),
      materials: j.provided.map((x) => ({ code: x.code })),
    }, { 'idempotency-key': key, ...(await asClerk(clerkOf(j.n))) });
    if (r.status !== 201 && r.status !== 200) return failed(`register ${j.matter.code}`, r);
    stats.registered++;
    let status = r.body.status;
    if (status === 'SUPPLEMENT_REQUIRED') {
      const missing = r.body.supplementNotice?.missing?.map((x) => x.code) ?? r.body.materials.filter((m) => m.required && !m.provided).map((m) => m.code);
      const s = await http('POST', `${INTAKE}/api/v1/cases/${r.body.id}/supplements`, { materials: missing.map((code) => ({ code })) }, { 'idempotency-key': `${key}-supplement`, ...(await asClerk(clerkOf(j.n))) });
      if (s.status >= 300) return failed('supplement', s);
      stats.supplemented++;
      status = s.body.status;
    }
    if (status === 'ACCEPTED') cases.push({ id: r.body.id, caseNo: r.body.caseNo, applicant: j.applicant, matter: j.matter, channel: j.channel });
    if (stats.registered % 50 === 0) say(`  registered ${stats.registered}/${CASES} (supplemented ${stats.supplemented})`);
  });
  return cases;
}

async function decideAll(cases) {
  const waiting = new Map(cases.map((c) => [c.id, c]));
  const departments = new Set(cases.flatMap((c) => [c.matter.departmentCode, ...(c.matter.coDepartmentCodes ?? [])]));
  const decidedTasks = new Set();
  let idle = 0;
  let lastReport = Date.now();
  while (waiting.size && Date.now() < deadline && idle < 40) {
    let progressed = 0;
    for (const dept of departments) {
      const md = metadataFor(dept);
      let pageToken = '';
      const tasks = [];
      for (let page = 0; page < 50; page++) {
        const r = await call('listTasks', pb.ListTasksRequest.fromPartial({ pageSize: 200, pageToken }), md).catch((e) => (say(`  ! ListTasks ${dept}: ${e.message}`), null));
        if (!r) break;
        tasks.push(...r.tasks.filter((t) => waiting.has(t.caseId) && !decidedTasks.has(t.id)));
        pageToken = r.nextPageToken;
        if (!pageToken) break;
      }
      await pool(tasks, async (t) => {
        const officer = officerOf(dept);
        try {
          if (t.status !== pb.TaskStatus.CLAIMED) await call('claimTask', pb.ClaimTaskRequest.fromPartial({ taskId: t.id, officerId: officer }), md);
          const deny = rnd() < 0.04;
          await call(
            'decideTask',
            pb.DecideTaskRequest.fromPartial({
              taskId: t.id,
              requestId: `sim-${t.id}`,
              officerId: officer,
              outcome: deny ? pb.DecisionOutcome.DENIED : pb.DecisionOutcome.APPROVED,
              ...(deny ? { reason: '申请材料与实际情况不符，不符合法定条件' } : { opinion: '材料齐全，符合法定条件，同意' }),
            }),
            md,
          );
          decidedTasks.add(t.id);
          stats.decided++;
          if (deny) stats.denied++;
          progressed++;
          if (stats.decided % 50 === 0) say(`  departments decided ${stats.decided} tasks`);
        } catch (e) {
          // Claimed by someone else or already decided: the next round sees its new state.
          if (stats.failures++ < 10) say(`  ! decide ${t.id}: ${e.details ?? e.message}`);
        }
      });
    }
    // A case is done in the back office when its documents appear (or its refusal notice does).
    const ready = await readyDocuments(waiting);
    for (const d of ready) waiting.get(d.caseId) && (waiting.get(d.caseId).documents ??= []).push(d);
    for (const d of ready) waiting.delete(d.caseId);
    idle = progressed || ready.length ? 0 : idle + 1;
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      say(`  ${waiting.size} case(s) still in the back office (${stats.decided} tasks decided so far)`);
    }
    if (waiting.size) await sleep(progressed ? 200 : 1500);
  }
  if (waiting.size) say(`  ${waiting.size} case(s) did not reach a decision in time; carrying on`);
}

const documentsByCase = new Map();
async function readyDocuments(waiting) {
  const found = [];
  let cursor;
  for (let page = 0; page < 200; page++) {
    const r = await http('GET', `${ISSUANCE}/api/v1/documents?status=READY_FOR_PICKUP&limit=100${cursor ? `&cursor=${cursor}` : ''}`, undefined, await asClerk(clerkOf(0)));
    if (r.status !== 200) break;
    for (const d of r.body.items) {
      if (waiting.has(d.caseId) && !documentsByCase.has(d.id)) {
        documentsByCase.set(d.id, d);
        found.push(d);
      }
    }
    cursor = r.body.nextCursor;
    if (!cursor) break;
  }
  return found;
}

async function handOver(cases) {
  const docs = cases.flatMap((c) => (c.documents ?? []).map((d) => ({ c, d })));
  await pool(docs, async ({ c, d }) => {
    const method = c.channel === 'ONLINE' ? weighted([['ELECTRONIC', 60], ['COURIER', 30], ['WINDOW', 10]]) : weighted([['WINDOW', 60], ['COURIER', 30], ['ELECTRONIC', 10]]);
    const clerkId = `clerk-${String(1 + (c.caseNo.length % 40)).padStart(4, '0')}`;
    const body = {
      method,
      collector: { name: c.applicant.name, idNumber: c.applicant.idNumber, role: 'HOLDER' },
      ...(method === 'COURIER'
        ? { courier: { company: pick(['中国邮政EMS', '顺丰速运']), trackingNo: `SF${Math.floor(rnd() * 1e12)}`, address: '湖北省武汉市江岸区沿江大道188号' } }
        : {}),
    };
    const r = await http('POST', `${ISSUANCE}/api/v1/documents/${d.id}/handover`, body, await asClerk(clerkId));
    if (r.status >= 300 && r.status !== 409) return failed(`handover ${method}`, r);
    c.handedOver = true;
    if (d.kind !== 'REFUSAL_NOTICE') c.applicant.held.add(c.matter.code);
    stats.handedOver++;
    if (stats.handedOver % 50 === 0) say(`  handed over ${stats.handedOver}`);
  });
}

const REASONS = ['窗口让我来回跑了两趟', '等候时间太长', '工作人员解释不清楚', '网上办理系统反复报错', '邮寄送达时间过长'];
async function evaluate(cases) {
  const rated = cases.filter((c) => c.handedOver && rnd() < 0.6);
  await pool(rated, async (c) => {
    const score = weighted([[5, 58], [4, 24], [3, 10], [2, 5], [1, 3]]);
    const body = { score, token: evaluationToken(c.id), ...(score < 3 ? { reason: pick(REASONS) } : rnd() < 0.2 ? { reason: '办事方便快捷' } : {}) };
    // supervision learns of the handover from Kafka a moment later: "not delivered yet" is retried.
    for (let attempt = 0; attempt < 20 && Date.now() < deadline; attempt++) {
      const r = await http('POST', `${SUPERVISION}/api/v1/cases/${c.id}/evaluations`, body);
      if (r.status === 201 || r.body?.type === '/problems/evaluation-exists') {
        stats.evaluated++;
        if (score < 3) stats.poor++;
        return;
      }
      if (r.status !== 409 && r.status !== 404) return failed('evaluation', r);
      await sleep(500);
    }
  });
}

async function main() {
  for (const [name, url] of [['intake', INTAKE], ['document-issuance', ISSUANCE], ['supervision', SUPERVISION]]) {
    const r = await fetch(`${url}/health/ready`).catch(() => null);
    if (!r?.ok) {
      process.stderr.write(`simulate: ${name} does not answer at ${url} — start the system with \`npm start\` first\n`);
      process.exit(1);
    }
  }
  say(`a day of traffic for ${DAY}: ${CASES} cases in ${WAVES} wave(s), ${CONCURRENCY} at a time`);
  const per = Math.ceil(CASES / WAVES);
  for (let w = 0; w < WAVES && Date.now() < deadline; w++) {
    const count = Math.min(per, CASES - w * per);
    if (count <= 0) break;
    say(`wave ${w + 1}/${WAVES}: registering ${count} cases at the windows and online`);
    const cases = await register(count, w);
    say(`wave ${w + 1}: ${cases.length} accepted; the departments work their queues over gRPC`);
    await decideAll(cases);
    say(`wave ${w + 1}: handing results over`);
    await handOver(cases);
    say(`wave ${w + 1}: applicants rate their cases (好差评)`);
    await evaluate(cases);
    say(`wave ${w + 1} done: ${JSON.stringify(stats)}`);
  }
  client.close();
  say(`finished: ${JSON.stringify(stats)}`);
  say(`dashboard: ${SUPERVISION}/dashboard   bulletin: ${SUPERVISION}/api/v1/bulletins/${DAY.slice(0, 7)}.pdf`);
  process.exit(stats.registered === 0 ? 1 : 0);
}

main().catch((e) => {
  process.stderr.write(`simulate: ${e.stack ?? e}\n`);
  process.exit(1);
});
