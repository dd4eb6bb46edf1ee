import { type CaseFact, caseVisits, decisionWorkingDays, type MatterFact } from '../../measures/domain/case-fact';
import { average, share } from '../../measures/domain/periods';

export type RankingComponent = 'timeliness' | 'oneVisit' | 'online' | 'evaluation';
export type RankingWeights = Record<RankingComponent, number>;

export interface RankingRow {
  key: string;
  cases: number;
  /** Each component in [0, 1]; null when the unit had nothing to measure it on. */
  timeliness: number | null;
  oneVisit: number | null;
  online: number | null;
  evaluation: number | null;
  /** Weighted score 0–100 over the components it has (weights renormalised over those). */
  score: number;
  rank: number;
}

/**
 * Scores units (cities or departments) for the ranking (第三方评估排名): share decided within the
 * promised limit, share of delivered cases with at most one visit, online share, and the average
 * evaluation mapped 1→0 … 5→1.
 */
export function rank(
  cases: CaseFact[],
  evaluations: Array<{ score: number; unit: string }>,
  matters: MatterFact[],
  unitOf: (c: CaseFact) => string | null,
  weights: RankingWeights,
): RankingRow[] {
  const matterByCode = new Map(matters.map((m) => [m.code, m]));
  const units = new Map<string, CaseFact[]>();
  for (const c of cases) {
    const u = unitOf(c);
    if (u === null) continue;
    units.set(u, [...(units.get(u) ?? []), c]);
  }
  const scoresByUnit = new Map<string, number[]>();
  for (const e of evaluations) scoresByUnit.set(e.unit, [...(scoresByUnit.get(e.unit) ?? []), e.score]);
  for (const u of scoresByUnit.keys()) if (!units.has(u)) units.set(u, []);

  const rows = [...units].map(([key, list]) => {
    let decided = 0;
    let inTime = 0;
    let delivered = 0;
    let oneVisit = 0;
    let online = 0;
    for (const c of list) {
      const days = decisionWorkingDays(c);
      if (days !== null && c.promisedLimitDays !== null) {
        decided++;
        if (days <= c.promisedLimitDays) inTime++;
      }
      const visits = caseVisits(c, c.matterCode ? matterByCode.get(c.matterCode) : undefined);
      if (visits !== null) {
        delivered++;
        if (visits <= 1) oneVisit++;
      }
      if (c.channel === 'ONLINE') online++;
    }
    const avg = average(scoresByUnit.get(key) ?? []);
    const components: Record<RankingComponent, number | null> = {
      timeliness: share(inTime, decided),
      oneVisit: share(oneVisit, delivered),
      online: share(online, list.length),
      evaluation: avg === null ? null : Math.round(((avg - 1) / 4) * 10_000) / 10_000,
    };
    return { key, cases: list.length, ...components, score: weightedScore(components, weights), rank: 0 };
  });
  rows.sort((a, b) => b.score - a.score || b.cases - a.cases || (a.key < b.key ? -1 : 1));
  // Equal scores share a rank (1, 2, 2, 4), as published rankings do.
  rows.forEach((r, i) => (r.rank = i > 0 && rows[i - 1].score === r.score ? rows[i - 1].rank : i + 1));
  return rows;
}

export function weightedScore(components: Record<RankingComponent, number | null>, weights: RankingWeights): number {
  let sum = 0;
  let weight = 0;
  for (const k of Object.keys(weights) as RankingComponent[]) {
    const v = components[k];
    if (v === null || weights[k] === 0) continue;
    sum += v * weights[k];
    weight += weights[k];
  }
  return weight === 0 ? 0 : Math.round((sum / weight) * 10_000) / 100;
}
