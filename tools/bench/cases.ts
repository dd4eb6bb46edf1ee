import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './fleet';

interface SeedMatter {
  code: string;
  departmentCode: string;
  kind: string;
  resultType: string;
  status: string;
  coDepartmentCodes: string[];
  regionCodes: string[];
  materials: Array<{ code: string; required: boolean }>;
}

export interface BenchMatter {
  code: string;
  departmentCode: string;
  regionCodes: string[];
  materials: string[];
}

/**
 * Province-level licences handled by one department each: every case is accepted, routed to one
 * queue, decided and issued as a licence. They are offered in 26 regions, and cases rotate through
 * them, as a province's windows do (the case number counter is one row per region and day).
 */
export function benchMatters(): BenchMatter[] {
  const all = JSON.parse(readFileSync(join(ROOT, 'seeds/matters.json'), 'utf8')) as SeedMatter[];
  const picked = all.filter(
    (m) => m.code.startsWith('HB-') && m.status === 'ACTIVE' && m.kind === 'PROMISED' && m.resultType === 'LICENCE' && m.coDepartmentCodes.length === 0,
  );
  const oneEach = new Map<string, SeedMatter>();
  for (const m of picked) if (!oneEach.has(m.departmentCode)) oneEach.set(m.departmentCode, m);
  if (oneEach.size === 0) throw new Error('seeds/matters.json has no province-level single-department licence to bench with');
  return [...oneEach.values()].map((m) => ({
    code: m.code,
    departmentCode: m.departmentCode,
    regionCodes: m.regionCodes,
    materials: m.materials.filter((x) => x.required).map((x) => x.code),
  }));
}

/** A synthetic applicant: a valid citizen ID (GB 11643 check character), no real person. */
const CITIZEN = '11010519491231002X';

/** The n-th application of a run: matters and regions in rotation, every required material present. */
export function caseRequest(matters: BenchMatter[], n: number): { matterCode: string; regionCode: string; body: string } {
  const m = matters[n % matters.length];
  const regionCode = m.regionCodes[Math.floor(n / matters.length) % m.regionCodes.length];
  const body = JSON.stringify({
    matterCode: m.code,
    regionCode,
    channel: 'WINDOW',
    applicant: { kind: 'NATURAL_PERSON', name: '张三', idNumber: CITIZEN, contact: { email: `applicant-${n}@example.org` } },
    materials: m.materials.map((code) => ({ code })),
  });
  return { matterCode: m.code, regionCode, body };
}
