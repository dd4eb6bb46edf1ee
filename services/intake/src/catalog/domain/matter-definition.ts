import { createHash } from 'node:crypto';
import type { MatterPublished } from '@onewindow/contracts';

/** A matter as an operator or the seeds define it: everything but version and publication time. */
export type MatterDefinition = Omit<MatterPublished, 'version' | 'publishedAt'>;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** Same content, same hash, whatever the key order: re-publishing an unchanged definition is a no-op. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex');
}

export function definitionHash(def: MatterDefinition): string {
  return contentHash(def);
}

/** Problems that make a definition unpublishable, all at once. */
export function definitionProblems(def: MatterDefinition): string[] {
  const problems: string[] = [];
  if (def.promisedLimitDays > def.legalLimitDays) problems.push('promisedLimitDays must not exceed legalLimitDays');
  if (def.kind === 'INSTANT' && def.legalLimitDays !== 0) problems.push('an instant matter (即办件) has a legal limit of 0 days');
  const codes = def.materials.map((m) => m.code);
  const dup = codes.filter((c, i) => codes.indexOf(c) !== i);
  if (dup.length) problems.push(`duplicate material codes: ${[...new Set(dup)].join(', ')}`);
  if (def.coDepartmentCodes.includes(def.departmentCode)) problems.push('the lead department cannot also be a co-department');
  if (new Set(def.coDepartmentCodes).size !== def.coDepartmentCodes.length) problems.push('duplicate co-department codes');
  if (def.regionCodes.length === 0) problems.push('a matter is offered in at least one region');
  if (def.materials.length === 0) problems.push('a matter lists at least one material');
  const notShareable = def.materials.filter((m) => !m.shareable && m.providedByMatterCodes?.length).map((m) => m.code);
  if (notShareable.length) problems.push(`providedByMatterCodes on materials that are not shareable: ${notShareable.join(', ')}`);
  const selfProvided = def.materials.filter((m) => m.providedByMatterCodes?.includes(def.code)).map((m) => m.code);
  if (selfProvided.length) problems.push(`a material cannot be provided by its own matter: ${selfProvided.join(', ')}`);
  if (def.kind === 'INSTANT' && def.promisedLimitDays !== 0) problems.push('an instant matter (即办件) is promised on the spot (0 days)');
  return problems;
}
