import { AuthenticationError, type VerifiedAccessToken } from './access-token';

export const ROLES = ['clerk', 'officer', 'operator', 'integrator'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, from a verified token only (never from a request field). */
export interface Principal {
  subject: string;
  roles: Role[];
  /** Clerks: the service centre (政务服务中心) they work at. */
  serviceCentre?: string;
  /** Clerks: the region code of their centre; a prefix rule gives a county clerk only that county. */
  regionCode?: string;
  /** Officers: their department. */
  department?: string;
  /** Integrators: what they may do, e.g. `cases:read`. */
  scopes: string[];
}

const CODE = /^[\w.:-]{1,64}$/;

function strings(v: unknown): string[] {
  if (typeof v === 'string') return v.split(/\s+/).filter(Boolean);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
  return [];
}

/**
 * Reads the claims every service understands. A token with only `dept` (the approval skeleton's
 * department token) is an officer of that department, so existing tokens keep working.
 */
export function principalOf(token: VerifiedAccessToken): Principal {
  const c = token.claims;
  const invalid = (why: string) => new AuthenticationError('TOKEN_INVALID', why);
  if (token.subject.length > 128) throw invalid('the token subject is too long');
  const named = [...strings(c['roles']), ...strings(c['role'])];
  const department = c['department'] ?? c['dept'];
  if (named.length === 0 && department !== undefined) named.push('officer');
  const unknown = named.find((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown !== undefined || named.length === 0) throw invalid('the token names no known role');
  const roles = [...new Set(named)] as Role[];
  const p: Principal = { subject: token.subject, roles, scopes: [...strings(c['scopes']), ...strings(c['scope'])] };
  for (const [key, value] of [
    ['serviceCentre', c['serviceCentre']],
    ['regionCode', c['regionCode']],
    ['department', department],
  ] as const) {
    if (value === undefined) continue;
    if (typeof value !== 'string' || !CODE.test(value)) throw invalid(`the token's "${key}" claim is not valid`);
    p[key] = value;
  }
  if (p.regionCode !== undefined && !/^\d{6}$/.test(p.regionCode)) throw invalid('regionCode must have 6 digits');
  if (roles.includes('clerk') && (!p.serviceCentre || !p.regionCode))
    throw invalid('a clerk token names its serviceCentre and regionCode');
  if (roles.includes('officer') && !p.department) throw invalid('an officer token names its department');
  if (p.scopes.some((s) => !/^[\w.:-]{1,64}$/.test(s)) || p.scopes.length > 32) throw invalid('the token scopes are not valid');
  return p;
}
