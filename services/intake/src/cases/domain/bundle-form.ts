import type { MatterPublished } from '@onewindow/contracts';

type Material = MatterPublished['materials'][number];

/** One matter of a bundle case, at the version the case is filed under, and its bundle stage. */
export interface BundleFormMember {
  matter: Pick<MatterPublished, 'code' | 'materials' | 'legalLimitDays' | 'promisedLimitDays'>;
  stage: number;
}

/**
 * The one form of a bundle (一件事一张表): the union of its matters' materials, one entry per
 * material code. A material is required when some matter requires it and nothing earlier in the
 * bundle produces it: a shareable material whose source matter is a member of an earlier stage
 * (the business licence of stage 1 for the permits of stage 2) comes out of the bundle itself and is
 * never asked for. Shareable only when every matter that lists it accepts an issued document.
 */
export function bundleMaterials(members: readonly BundleFormMember[]): Material[] {
  const union = new Map<string, Material>();
  const stageOf = new Map(members.map((x) => [x.matter.code, x.stage]));
  for (const { matter, stage } of [...members].sort((a, b) => a.stage - b.stage)) {
    for (const m of matter.materials) {
      const producedEarlier =
        m.shareable && (m.providedByMatterCodes ?? []).some((code) => (stageOf.get(code) ?? stage) < stage);
      const needed = m.required && !producedEarlier;
      const seen = union.get(m.code);
      if (!seen) {
        union.set(m.code, { ...m, required: needed, ...(m.providedByMatterCodes ? { providedByMatterCodes: [...m.providedByMatterCodes] } : {}) });
        continue;
      }
      const shareable = seen.shareable && m.shareable;
      const sources = shareable
        ? [...new Set([...(seen.providedByMatterCodes ?? []), ...(m.providedByMatterCodes ?? [])])]
        : [];
      const merged: Material = { ...seen, required: seen.required || needed, shareable };
      if (sources.length) merged.providedByMatterCodes = sources;
      else delete merged.providedByMatterCodes;
      union.set(m.code, merged);
    }
  }
  return [...union.values()];
}

/**
 * A bundle's time limits are its plan's longest path: the stages run one after the other, the
 * matters of a stage in parallel, so each stage takes as long as its slowest matter.
 */
export function bundleLimits(members: readonly BundleFormMember[]): { legalLimitDays: number; promisedLimitDays: number } {
  const byStage = new Map<number, { legal: number; promised: number }>();
  for (const { matter, stage } of members) {
    const s = byStage.get(stage) ?? { legal: 0, promised: 0 };
    byStage.set(stage, {
      legal: Math.max(s.legal, matter.legalLimitDays),
      promised: Math.max(s.promised, matter.promisedLimitDays),
    });
  }
  let legalLimitDays = 0;
  let promisedLimitDays = 0;
  for (const s of byStage.values()) {
    legalLimitDays += s.legal;
    promisedLimitDays += s.promised;
  }
  return { legalLimitDays, promisedLimitDays };
}
