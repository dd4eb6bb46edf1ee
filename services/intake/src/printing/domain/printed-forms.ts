import { chinaDate } from '@onewindow/domain';
import type { ReportContent } from '@onewindow/pdf';
import type { SupplementNotice } from '../../cases/domain/supplement-notice';

/** 2026-11-27 → 2026年11月27日 */
const dateZh = (ymd: string) => {
  const [y, m, d] = ymd.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
/** An instant as the China-time day it fell on, written the Chinese way. */
const dayZh = (iso: string) => dateZh(chinaDate(new Date(iso)));

const FOOTER = '请妥善保管本文书。凭办件编号可在政务服务网或拨打 12345 政务服务便民热线查询办理进度。';

/** 一次性告知书 as the clerk hands it over: every missing material in one table, nothing left for a second trip. */
export function supplementNoticeForm(n: SupplementNotice): ReportContent {
  return {
    title: '一次性补正告知书',
    subtitle: `办件编号：${n.caseNo}`,
    summary: [
      `申请人：${n.applicantName}`,
      `申请事项：${n.matter.name}（${n.matter.code}，第 ${n.matter.version} 版）`,
      `受理部门：${n.matter.departmentName}`,
      `经审查，您的申请材料不齐全。根据“一次性告知”制度，现将需补正的全部材料告知如下，请备齐后一次性提交；补正期间办理时限暂停计算。`,
    ],
    tables: [
      {
        title: `需补正的材料（共 ${n.missing.length} 项）`,
        columns: [
          { header: '序号', width: 40, align: 'right' },
          { header: '材料名称', width: 260 },
          { header: '要求', width: 190 },
        ],
        rows: n.missing.map((m, i) => [String(i + 1), m.name, m.problem]),
      },
    ],
    footer: `告知日期：${dayZh(n.issuedAt)}${n.clerkId ? `\u3000经办人：${n.clerkId}` : ''}\u3000${FOOTER}`,
  };
}

/** What the receipt needs of a case (the view a clerk reads). */
export interface ReceiptFacts {
  caseNo: string;
  status: string;
  matter: { code: string; version: number; name: string };
  departmentName: string;
  applicant: { name: string; idNumber: string };
  agent?: { name: string };
  acceptedAt?: string;
  promisedDate?: string;
  legalLimitDays: number;
  promisedLimitDays: number;
  materials: Array<{ name: string; provided: boolean; required?: boolean; reusedFromDocumentNo?: string }>;
  clerkId?: string;
}

/** 受理回执: proof that the case was accepted, with the promised completion date counted in working days. */
export function acceptanceReceiptForm(c: ReceiptFacts): ReportContent {
  if (!c.acceptedAt || !c.promisedDate) throw new Error('a receipt is printed for an accepted case only');
  const state = (m: ReceiptFacts['materials'][number]) =>
    m.reusedFromDocumentNo ? `共享复用（${m.reusedFromDocumentNo}）` : m.provided ? '已提交' : m.required === false ? '未提交（非必需）' : '未提交';
  return {
    title: '受理回执',
    subtitle: `办件编号：${c.caseNo}`,
    summary: [
      `申请人：${c.applicant.name}（证件号码 ${c.applicant.idNumber}）${c.agent ? `，代办人：${c.agent.name}` : ''}`,
      `申请事项：${c.matter.name}（${c.matter.code}，第 ${c.matter.version} 版）`,
      `承办部门：${c.departmentName}`,
      `受理日期：${dayZh(c.acceptedAt)}；法定办理时限 ${c.legalLimitDays} 个工作日，承诺办理时限 ${c.promisedLimitDays} 个工作日。`,
      `承诺办结日期：${dateZh(c.promisedDate)}（节假日及补正、特别程序期间不计算在内）。`,
      '办结后我们将通过短信或邮件通知您到综合窗口领取结果，也可选择邮寄送达。',
    ],
    tables: [
      {
        title: '收取材料清单',
        columns: [
          { header: '序号', width: 40, align: 'right' },
          { header: '材料名称', width: 280 },
          { header: '状态', width: 170 },
        ],
        rows: c.materials.map((m, i) => [String(i + 1), m.name, state(m)]),
      },
    ],
    footer: `${c.clerkId ? `经办人：${c.clerkId}\u3000` : ''}${FOOTER}`,
  };
}
