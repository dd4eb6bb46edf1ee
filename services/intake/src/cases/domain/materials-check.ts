/** One matter's materials list, as the case checks against it. */
export interface RequiredMaterial {
  code: string;
  name: string;
  required: boolean;
  shareable: boolean;
  form?: 'ORIGINAL' | 'COPY' | 'ELECTRONIC';
}

export interface MissingMaterial {
  code: string;
  name: string;
  form?: 'ORIGINAL' | 'COPY' | 'ELECTRONIC';
}

export interface MaterialCheck {
  /** Required materials neither provided nor reusable: the one-time notice (一次性告知). */
  missing: MissingMaterial[];
  /** Codes that do not belong to this matter. */
  unknown: string[];
  provided: string[];
  /** Materials pulled from documents already issued (共享材料): material code → document number. */
  reused: Array<{ code: string; documentNo: string }>;
}

/**
 * Compares what the applicant brought (and what issued documents stand in for) with what the
 * matter's version asks for, listing every gap at once. A material brought in person counts as
 * provided, not reused.
 */
export function checkMaterials(
  definition: RequiredMaterial[],
  providedCodes: string[],
  reusable: ReadonlyMap<string, string> = new Map(),
): MaterialCheck {
  const known = new Map(definition.map((m) => [m.code, m]));
  const given = new Set(providedCodes);
  return {
    missing: definition
      .filter((m) => m.required && !given.has(m.code) && !reusable.has(m.code))
      .map((m) => ({ code: m.code, name: m.name, ...(m.form ? { form: m.form } : {}) })),
    unknown: [...given].filter((c) => !known.has(c)),
    provided: [...given].filter((c) => known.has(c)),
    reused: definition
      .filter((m) => !given.has(m.code) && reusable.has(m.code))
      .map((m) => ({ code: m.code, documentNo: reusable.get(m.code) ?? '' })),
  };
}
