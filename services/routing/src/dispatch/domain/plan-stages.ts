import { type ApplicantKind, type CompletionRule, matchRule, type RuleSet } from '../../rules/domain/routing-rules';
import type { DraftStage } from './dispatch-plan';

export interface CaseRoutingFacts {
  regionCode: string;
  applicantKind: ApplicantKind;
}

export interface RoutedMember {
  matterCode: string;
  /** The matter version the member is routed by (the case's own for a plain matter). */
  matterVersion: number;
  ruleSet: RuleSet | undefined;
}

export type StagesResult =
  | { kind: 'stages'; stages: DraftStage[]; ruleVersions: Record<string, number> }
  | { kind: 'unroutable'; reason: string; unmatchedMatterCodes: string[] };

function memberRule(m: RoutedMember, facts: CaseRoutingFacts) {
  if (!m.ruleSet)
    return { kind: 'unmatched' as const, reason: `matter ${m.matterCode} has no routing rules` };
  return matchRule(m.ruleSet, { ...facts, matterVersion: m.matterVersion });
}

/** A plain matter's plan: the stages of the rule that matches the case. */
export function matterStages(m: RoutedMember, facts: CaseRoutingFacts): StagesResult {
  const match = memberRule(m, facts);
  if (match.kind === 'unmatched')
    return { kind: 'unroutable', reason: match.reason, unmatchedMatterCodes: [m.matterCode] };
  return {
    kind: 'stages',
    stages: match.rule.stages.map((s) => ({ ...s, departmentCodes: [...s.departmentCodes] })),
    ruleVersions: { [m.matterCode]: m.ruleSet?.version ?? 0 },
  };
}

export interface BundleShape {
  matters: ReadonlyArray<{ matterCode: string; stage: number }>;
  stages?: ReadonlyArray<{ stage: number; completionRule: CompletionRule }>;
}

/**
 * A bundle's plan (一件事): its stages in order, each member matter's departments — as its own rule
 * for the case's region and applicant says — in parallel within the member's bundle stage. A member
 * whose rule has several stages contributes all its departments to the bundle stage (the bundle's
 * order rules). A department that handles two members of one stage gets one task for both.
 */
export function bundleStages(
  bundle: BundleShape,
  members: readonly RoutedMember[],
  facts: CaseRoutingFacts,
): StagesResult {
  const unmatched: Array<{ code: string; reason: string }> = [];
  const byStage = new Map<number, string[]>();
  const ruleVersions: Record<string, number> = {};
  for (const bm of bundle.matters) {
    const member = members.find((x) => x.matterCode === bm.matterCode) ?? {
      matterCode: bm.matterCode,
      matterVersion: 1,
      ruleSet: undefined,
    };
    const match = memberRule(member, facts);
    if (match.kind === 'unmatched') {
      unmatched.push({ code: bm.matterCode, reason: match.reason });
      continue;
    }
    ruleVersions[bm.matterCode] = member.ruleSet?.version ?? 0;
    const depts = byStage.get(bm.stage) ?? [];
    for (const d of match.rule.stages.flatMap((s) => s.departmentCodes)) if (!depts.includes(d)) depts.push(d);
    byStage.set(bm.stage, depts);
  }
  if (unmatched.length) {
    return {
      kind: 'unroutable',
      reason: unmatched.map((u) => u.reason).join('; '),
      unmatchedMatterCodes: unmatched.map((u) => u.code),
    };
  }
  const stages = [...byStage.entries()]
    .sort(([a], [b]) => a - b)
    .map(([stage, departmentCodes]) => ({
      stage,
      completionRule: bundle.stages?.find((s) => s.stage === stage)?.completionRule ?? ('ALL' as const),
      departmentCodes,
    }));
  return { kind: 'stages', stages, ruleVersions };
}
