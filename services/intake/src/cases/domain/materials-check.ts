/** One matter's materials list, as the case checks against it. */
export interface RequiredMaterial {
  code: string;
  name: string;
  required: boolean;
  shareable: boolean;
}

export interface MaterialCheck {
  /** Required materials neither provided nor reusable: the one-time notice (一次性告知). */
  missing: Array<{ code: string; name: string }>;
  /** Codes that do not belong to this matter. */
  unknown: string[];
  provided: string[];
}

/** Compares what the applicant brought with what the matter's version asks for, listing every gap at once. */
export function checkMaterials(definition: RequiredMaterial[], providedCodes: string[]): MaterialCheck {
  const known = new Map(definition.map((m) => [m.code, m]));
  const given = new Set(providedCodes);
  return {
    missing: definition.filter((m) => m.required && !given.has(m.code)).map((m) => ({ code: m.code, name: m.name })),
    unknown: [...given].filter((c) => !known.has(c)),
    provided: [...given].filter((c) => known.has(c)),
  };
}
