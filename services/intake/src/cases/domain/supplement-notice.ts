import type { MissingMaterial } from './materials-check';

/** 一次性补正告知书: everything missing, at once, as the clerk prints it for the applicant. */
export interface SupplementNotice {
  caseId: string;
  caseNo: string;
  matter: { code: string; version: number; name: string; departmentName: string };
  regionCode: string;
  applicantName: string;
  missing: Array<{ code: string; name: string; form?: string; problem: string }>;
  issuedAt: string;
  clerkId?: string;
  /** The notice as printable text, one line per missing material. */
  printable: string;
}

const FORM: Record<string, string> = { ORIGINAL: '原件', COPY: '复印件', ELECTRONIC: '电子件' };

export function missingProblem(m: MissingMaterial): string {
  return m.form ? `未提交（需${FORM[m.form]}）` : '未提交';
}

export function buildSupplementNotice(
  n: Omit<SupplementNotice, 'printable' | 'missing'> & { missing: MissingMaterial[] },
): SupplementNotice {
  const missing = n.missing.map((m) => ({
    code: m.code,
    name: m.name,
    ...(m.form ? { form: m.form } : {}),
    problem: missingProblem(m),
  }));
  const lines = [
    '一次性补正告知书',
    `办件编号：${n.caseNo}`,
    `申请人：${n.applicantName}`,
    `事项：${n.matter.name}（${n.matter.code}，第 ${n.matter.version} 版）`,
    `受理部门：${n.matter.departmentName}`,
    '经审查，您的申请材料不齐全，请一次性补齐以下材料后再行提交：',
    ...missing.map((m, i) => `${i + 1}. ${m.name}：${m.problem}`),
    `告知时间：${n.issuedAt}`,
    ...(n.clerkId ? [`经办人：${n.clerkId}`] : []),
  ];
  return { ...n, missing, printable: lines.join('\n') };
}
