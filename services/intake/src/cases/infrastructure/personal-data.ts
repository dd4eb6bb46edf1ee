import type { FieldCipher } from '@onewindow/platform';
import type { ValueTransformer } from 'typeorm';

/**
 * The cipher the entity transformers use. TypeORM builds transformers outside Nest's injector, so
 * the PersonalData provider (and the seed and re-encryption commands) install it once at start-up.
 */
let installed: FieldCipher | undefined;

export function installPersonalDataCipher(cipher: FieldCipher): void {
  installed = cipher;
}

export function personalDataCipher(): FieldCipher {
  if (!installed) throw new Error('personal-data keys (PII_KEYS, PII_INDEX_KEY) are not configured');
  return installed;
}

/** Paths (dot-separated) of the fields a JSON column keeps encrypted. */
type Path = readonly string[];
export const APPLICANT_SECRETS: Path[] = [['idNumber'], ['contact', 'phone'], ['contact', 'email'], ['contact', 'address']];
export const AGENT_SECRETS: Path[] = [['idNumber']];

export function mapFields(value: unknown, paths: Path[], f: (v: string) => string): unknown {
  if (value === null || typeof value !== 'object') return value;
  const copy = structuredClone(value) as Record<string, unknown>;
  for (const path of paths) {
    let at: Record<string, unknown> | undefined = copy;
    for (const key of path.slice(0, -1)) {
      const next: unknown = at?.[key];
      at = next !== null && typeof next === 'object' ? (next as Record<string, unknown>) : undefined;
    }
    const last = path[path.length - 1];
    if (at && typeof at[last] === 'string') at[last] = f(at[last]);
  }
  return copy;
}

/** A jsonb column whose named fields are stored as AES-256-GCM ciphertext. */
export function encryptedFields(paths: Path[]): ValueTransformer {
  return {
    to: (v: unknown) => mapFields(v, paths, (s) => (s.startsWith('enc:') ? s : personalDataCipher().encrypt(s))),
    from: (v: unknown) => mapFields(v, paths, (s) => (s.startsWith('enc:') ? personalDataCipher().decrypt(s) : s)),
  };
}
