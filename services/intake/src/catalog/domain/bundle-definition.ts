import type { BundlePublished } from '@onewindow/contracts';

/** A bundle (一件事) as an operator or the seeds define it: everything but version and publication time. */
export type BundleDefinition = Omit<BundlePublished, 'version' | 'publishedAt'>;

/** What a bundle needs to know about each of its matters. */
export interface BundledMatterFacts {
  code: string;
  status: 'ACTIVE' | 'RETIRED';
  regionCodes: string[];
}

/**
 * Problems that make a bundle unpublishable, all at once: stages run 1, 2, … without gaps (same
 * stage = in parallel), completion rules only for existing stages, each matter once, every matter
 * known, active and offered where the bundle is.
 */
export function bundleProblems(
  def: BundleDefinition,
  matters: ReadonlyMap<string, BundledMatterFacts>,
): string[] {
  const problems: string[] = [];
  const codes = def.matters.map((m) => m.matterCode);
  const dup = codes.filter((c, i) => codes.indexOf(c) !== i);
  if (dup.length) problems.push(`a matter appears more than once: ${[...new Set(dup)].join(', ')}`);
  if (codes.length < 2) problems.push('a bundle combines at least two matters');
  const stages = [...new Set(def.matters.map((m) => m.stage))].sort((a, b) => a - b);
  if (stages.some((s, i) => s !== i + 1))
    problems.push(`stages must run 1, 2, … without gaps (got ${stages.join(', ')})`);
  if (def.regionCodes.length === 0) problems.push('a bundle is offered in at least one region');
  // Completion rules (ALL/ANY) name stages that exist, each once; a stage without one needs ALL.
  const ruled = (def.stages ?? []).map((s) => s.stage);
  const twice = ruled.filter((s, i) => ruled.indexOf(s) !== i);
  if (twice.length) problems.push(`a stage has more than one completion rule: ${[...new Set(twice)].join(', ')}`);
  const empty = ruled.filter((s) => !stages.includes(s));
  if (empty.length) problems.push(`completion rule for a stage without matters: ${[...new Set(empty)].join(', ')}`);
  for (const code of new Set(codes)) {
    const m = matters.get(code);
    if (!m) {
      problems.push(`unknown matter ${code}`);
      continue;
    }
    if (m.status === 'RETIRED') problems.push(`matter ${code} is retired`);
    const missing = def.regionCodes.filter((r) => !m.regionCodes.includes(r));
    if (missing.length) problems.push(`matter ${code} is not offered in ${missing.join(', ')}`);
  }
  return problems;
}
