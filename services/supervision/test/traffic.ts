import {
  type CaseSummary,
  type Channel,
  type CloudEvent,
  type EventType,
  EventTypes,
  type HandoverMethod,
  type MatterPublished,
} from '@onewindow/contracts';
import { addWorkingDays, chinaDate, citizenIdCheckChar, usccCheckChar } from '@onewindow/domain';
import { makeEvent } from '@onewindow/testing';
import { ulid } from 'ulid';

// ---- a small, varied month of traffic, built as the other services would publish it ----

export const MATTERS: MatterPublished[] = [
  ['WH-SCJGJ-001', '食品经营许可（新办）', 'WH-SCJGJ', '武汉市市场监督管理局', 0, 5, 20],
  ['WH-GAJ-001', '居民身份证换领', 'WH-GAJ', '武汉市公安局', 1, 3, 15],
  ['HB-JTT-001', '道路运输经营许可', 'HB-JTT', '湖北省交通运输厅', 2, 10, 20],
].map(([code, name, departmentCode, departmentName, visits, promised, legal]) => ({
  code: code as string,
  version: 1,
  name: name as string,
  departmentCode: departmentCode as string,
  departmentName: departmentName as string,
  level: 'CITY',
  kind: 'PROMISED',
  legalLimitDays: legal as number,
  promisedLimitDays: promised as number,
  visits: visits as number,
  online: true,
  resultType: 'LICENCE',
  coDepartmentCodes: [],
  regionCodes: ['420000'],
  materials: [{ code: 'M-APP', name: '申请书', required: true, form: 'ORIGINAL', shareable: false }],
  status: 'ACTIVE',
  publishedAt: '2026-11-01T00:00:00Z',
}));
const REGIONS = ['420102', '420106', '420100', '420500', '420600', '420000'];
export const CITY: Record<string, string> = { '420102': '420100', '420106': '420100', '420100': '420100', '420500': '420500', '420600': '420600', '420000': '420000' };
const CHANNELS: Channel[] = ['WINDOW', 'ONLINE', 'WINDOW', 'ASSISTED', 'ONLINE', 'HOTLINE', 'WINDOW'];
const METHODS: HandoverMethod[] = ['WINDOW', 'COURIER', 'ELECTRONIC'];

export interface Planned {
  summary: CaseSummary;
  matter: MatterPublished;
  receivedAt: Date;
  provided: number;
  reused: number;
  supplementAtIntake: boolean;
  decidedAt?: Date;
  handedOver?: { at: Date; method: HandoverMethod };
  taskId: string;
  overdue?: 'RED' | 'ESCALATION';
  taskDecided: boolean;
}

const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
const DAYS = ['2026-11-16', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];

function idNumber(i: number, legal: boolean): string {
  if (legal) {
    const first = `91420100MA${String(1000000 + (i % 7)).slice(0, 7)}`;
    return first + usccCheckChar(first);
  }
  const first = `42010219${80 + (i % 9)}0101${String(100 + (i % 11)).padStart(3, '0')}`;
  return first + citizenIdCheckChar(first);
}

export function plan(): Planned[] {
  const out: Planned[] = [];
  for (let i = 0; i < 48; i++) {
    const matter = MATTERS[i % 3];
    const legal = i % 4 === 0;
    const regionCode = REGIONS[i % REGIONS.length];
    const day = DAYS[i % DAYS.length];
    const receivedAt = at(day, 9 + (i % 8));
    const caseId = ulid();
    const decidedAt = i % 5 === 4 ? undefined : at(DAYS[Math.min(DAYS.length - 1, (i % DAYS.length) + (i % 3))] === day && i % 2 ? '2026-12-02' : '2026-11-27', 16);
    const handedOver = decidedAt && i % 3 !== 2 ? { at: at('2026-11-27', 17), method: METHODS[i % 3] } : undefined;
    out.push({
      summary: {
        caseId,
        caseNo: `${regionCode}-${day.replace(/-/g, '')}-${String(i).padStart(4, '0')}`,
        matterCode: matter.code,
        matterVersion: 1,
        matterName: matter.name,
        regionCode,
        channel: CHANNELS[i % CHANNELS.length],
        applicant: {
          kind: legal ? 'LEGAL_PERSON' : 'NATURAL_PERSON',
          name: legal ? '武汉某某餐饮有限公司' : '张三',
          idNumber: idNumber(i, legal),
          contact: { phone: '13800138000' },
        },
      },
      matter,
      receivedAt,
      provided: 3 + (i % 3),
      reused: i % 4 === 1 ? 2 : i % 4 === 3 ? 1 : 0,
      supplementAtIntake: i % 7 === 3,
      decidedAt: decidedAt && decidedAt > receivedAt ? decidedAt : undefined,
      handedOver: decidedAt && decidedAt > receivedAt ? handedOver : undefined,
      taskId: ulid(),
      overdue: i % 5 === 4 ? (i % 10 === 4 ? 'ESCALATION' : 'RED') : i === 0 ? 'RED' : undefined,
      taskDecided: !(i % 5 === 4),
    });
  }
  return out;
}

export function eventsOf(p: Planned): CloudEvent<EventType>[] {
  const s = p.summary;
  const materials = Array.from({ length: p.provided }, (_, k) => ({
    code: `M${k}`,
    name: `材料${k}`,
    provided: true,
    ...(k < p.reused ? { reusedFromDocumentNo: `DOC-${k}` } : {}),
  }));
  const ev: CloudEvent<EventType>[] = [
    makeEvent(EventTypes.CaseReceived, s.caseId, { ...s, receivedAt: p.receivedAt.toISOString(), materials }),
  ];
  if (p.supplementAtIntake) {
    ev.push(
      makeEvent(EventTypes.CaseSupplementRequired, s.caseId, {
        caseId: s.caseId,
        caseNo: s.caseNo,
        missing: [{ code: 'M9', name: '营业执照', problem: '未提交' }],
        requestedAt: p.receivedAt.toISOString(),
      }),
    );
  }
  ev.push(
    makeEvent(EventTypes.CaseAccepted, s.caseId, {
      ...s,
      acceptedAt: p.receivedAt.toISOString(),
      departmentCode: p.matter.departmentCode,
      materials,
      legalLimitDays: p.matter.legalLimitDays,
      promisedLimitDays: p.matter.promisedLimitDays,
      promisedDate: addWorkingDays(chinaDate(p.receivedAt), p.matter.promisedLimitDays),
    }),
    makeEvent(EventTypes.TaskAssigned, s.caseId, {
      taskId: p.taskId,
      caseId: s.caseId,
      caseNo: s.caseNo,
      departmentCode: p.matter.departmentCode,
      matterCode: s.matterCode,
      stage: 1,
      assignedAt: p.receivedAt.toISOString(),
    }),
  );
  if (p.overdue) {
    ev.push(
      makeEvent(EventTypes.TaskOverdue, s.caseId, {
        taskId: p.taskId,
        caseId: s.caseId,
        caseNo: s.caseNo,
        departmentCode: p.matter.departmentCode,
        level: p.overdue,
        deadlineKind: p.overdue === 'RED' ? 'PROMISED' : 'LEGAL',
        deadline: '2026-11-20',
        workingDaysOverdue: 5,
        overdueAt: '2026-11-27T00:00:00Z',
      }),
    );
  }
  if (p.decidedAt) {
    ev.push(
      makeEvent(EventTypes.TaskDecided, s.caseId, {
        taskId: p.taskId,
        caseId: s.caseId,
        caseNo: s.caseNo,
        departmentCode: p.matter.departmentCode,
        officerId: 'officer-001',
        outcome: 'APPROVED',
        documentsPending: false,
        decidedAt: p.decidedAt.toISOString(),
      }),
      makeEvent(EventTypes.CaseDecided, s.caseId, {
        ...s,
        outcome: 'APPROVED',
        reasons: [],
        departments: [{ taskId: p.taskId, departmentCode: p.matter.departmentCode, outcome: 'APPROVED' }],
        leadDepartmentCode: p.matter.departmentCode,
        decidedAt: p.decidedAt.toISOString(),
      }),
    );
  }
  if (p.handedOver) {
    ev.push(
      makeEvent(EventTypes.DocumentHandedOver, s.caseId, {
        documentId: ulid(),
        documentNo: `DOC-${s.caseNo}`,
        caseId: s.caseId,
        caseNo: s.caseNo,
        method: p.handedOver.method,
        collectorName: s.applicant.name,
        collectorRole: 'HOLDER',
        handedOverBy: 'clerk-0042',
        handedOverAt: p.handedOver.at.toISOString(),
      }),
    );
  }
  return ev;
}

