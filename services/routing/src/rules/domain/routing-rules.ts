/**
 * Routing rules (分类审批规则) as data: for one matter, which departments decide it, in which stages,
 * for which region, applicant kind and matter versions. A rule set is the whole list of one matter's
 * rules; publishing a new version replaces the previous one.
 */

export type ApplicantKind = 'NATURAL_PERSON' | 'LEGAL_PERSON';
export type CompletionRule = 'ALL' | 'ANY';

export interface RuleStage {
  stage: number;
  completionRule: CompletionRule;
  departmentCodes: string[];
}

export interface Rule {
  regionCode: string;
  applicantKind?: ApplicantKind;
  matterVersionFrom?: number;
  matterVersionTo?: number;
  stages: RuleStage[];
}

export interface RuleSet {
  matterCode: string;
  version: number;
  rules: Rule[];
}

export type RegionLevel = 'PROVINCE' | 'CITY' | 'COUNTY';

const REGION = /^[1-8][0-9]{5}$/;

/** The level of a 6-digit 行政区划代码: xx0000 province, xxxx00 city (prefecture), otherwise county. */
export function regionLevel(code: string): RegionLevel | undefined {
  if (!REGION.test(code)) return undefined;
  if (code.endsWith('0000')) return 'PROVINCE';
  if (code.endsWith('00')) return 'CITY';
  return 'COUNTY';
}

const SPECIFICITY: Record<RegionLevel, number> = { PROVINCE: 1, CITY: 2, COUNTY: 3 };

/** Whether a rule for `ruleRegion` covers a case filed in `caseRegion` (the same region or one inside it). */
export function regionCovers(ruleRegion: string, caseRegion: string): boolean {
  switch (regionLevel(ruleRegion)) {
    case 'PROVINCE':
      return caseRegion.slice(0, 2) === ruleRegion.slice(0, 2);
    case 'CITY':
      return caseRegion.slice(0, 4) === ruleRegion.slice(0, 4);
    case 'COUNTY':
      return caseRegion === ruleRegion;
    case undefined:
      return false;
  }
}

function versionRange(r: Rule): [number, number] {
  return [r.matterVersionFrom ?? 1, r.matterVersionTo ?? Number.POSITIVE_INFINITY];
}

function describe(r: Rule): string {
  const [from, to] = versionRange(r);
  const versions = to === Number.POSITIVE_INFINITY ? `v${from}+` : `v${from}–v${to}`;
  return `${r.regionCode}/${r.applicantKind ?? 'ANY_APPLICANT'}/${versions}`;
}

export interface CaseFacts {
  regionCode: string;
  applicantKind: ApplicantKind;
  matterVersion: number;
}

export type RuleMatch = { kind: 'matched'; rule: Rule } | { kind: 'unmatched'; reason: string };

/**
 * The rule that routes a case: among the rules covering its region, applicant kind and matter
 * version, the most specific one — county over city over province, then a named applicant kind over
 * "any". Publication refuses rule sets where two rules could tie, so the winner is unique.
 */
export function matchRule(set: RuleSet, c: CaseFacts): RuleMatch {
  const candidates = set.rules.filter((r) => {
    const [from, to] = versionRange(r);
    return (
      regionCovers(r.regionCode, c.regionCode) &&
      (r.applicantKind === undefined || r.applicantKind === c.applicantKind) &&
      c.matterVersion >= from &&
      c.matterVersion <= to
    );
  });
  if (candidates.length === 0) {
    return {
      kind: 'unmatched',
      reason:
        `no rule of matter ${set.matterCode} (rule set v${set.version}) covers region ${c.regionCode}, ` +
        `applicant ${c.applicantKind}, matter version ${c.matterVersion}`,
    };
  }
  const score = (r: Rule): number =>
    SPECIFICITY[regionLevel(r.regionCode) ?? 'PROVINCE'] * 2 + (r.applicantKind ? 1 : 0);
  const best = candidates.reduce((a, b) => (score(b) > score(a) ? b : a));
  return { kind: 'matched', rule: best };
}

export interface RuleSetContext {
  /** Departments routing knows of (seeded, or named by the matter catalogue). */
  isKnownDepartment: (code: string) => boolean;
}

/** Every problem of a rule set at once, or none: what an operator must fix before it is published. */
export function ruleSetProblems(rules: readonly Rule[], ctx: RuleSetContext): string[] {
  const problems: string[] = [];
  if (rules.length === 0) problems.push('a rule set has at least one rule');
  rules.forEach((r, i) => {
    const at = `rules[${i}]`;
    if (!regionLevel(r.regionCode))
      problems.push(`${at}.regionCode ${r.regionCode} is not a province, city or county code (6 digits)`);
    const [from, to] = versionRange(r);
    if (from > to) problems.push(`${at}: matterVersionFrom ${from} is after matterVersionTo ${to}`);
    if (r.stages.length === 0) problems.push(`${at}: a rule routes to at least one stage`);
    const stageNos = r.stages.map((s) => s.stage).sort((a, b) => a - b);
    if (stageNos.some((s, k) => s !== k + 1))
      problems.push(`${at}: stages must run 1, 2, … without gaps or repeats (got ${stageNos.join(', ')})`);
    const seen = new Set<string>();
    for (const s of r.stages) {
      if (s.departmentCodes.length === 0) problems.push(`${at}: stage ${s.stage} has no department queue`);
      for (const d of s.departmentCodes) {
        if (!ctx.isKnownDepartment(d)) problems.push(`${at}: unknown department ${d}`);
        if (seen.has(d)) problems.push(`${at}: department ${d} appears more than once`);
        seen.add(d);
      }
    }
  });
  // Two rules for the same region and applicant kind whose versions overlap would tie: ambiguous.
  for (let i = 0; i < rules.length; i++) {
    for (let j = i + 1; j < rules.length; j++) {
      const a = rules[i];
      const b = rules[j];
      if (a.regionCode !== b.regionCode || a.applicantKind !== b.applicantKind) continue;
      const [af, at] = versionRange(a);
      const [bf, bt] = versionRange(b);
      if (af <= bt && bf <= at)
        problems.push(`rules[${i}] and rules[${j}] overlap (${describe(a)} and ${describe(b)}): ambiguous`);
    }
  }
  return problems;
}
