import type { Principal, Role } from './principal';

/**
 * One route's rule. A caller passes when it holds one of `roles`; an integrator passes when it holds
 * every scope in `scopes`. `public` routes carry their own proof (a verification code, a signed
 * receipt) and need no token.
 */
export interface RouteRule {
  roles?: Role[];
  scopes?: string[];
  public?: boolean;
}

/** A service's rules, keyed `"<METHOD> <route pattern>"` as Fastify names it, e.g. `GET /api/v1/cases/:id`. */
export type ServicePolicy = Record<string, RouteRule>;

export type Decision = { allowed: true } | { allowed: false; status: 401 | 403; reason: string };

/**
 * Routes outside the API (health, docs, Prometheus metrics — keep /metrics on the internal network)
 * are open; anything else undeclared is refused.
 */
export const OPEN_PREFIXES = ['/health', '/docs', '/metrics'];

export function decideRoute(policy: ServicePolicy, method: string, url: string, p: Principal | undefined): Decision {
  if (OPEN_PREFIXES.some((prefix) => url === prefix || url.startsWith(`${prefix}/`))) return { allowed: true };
  const rule = policy[`${method.toUpperCase()} ${url}`];
  if (rule?.public) return { allowed: true };
  if (!p) return { allowed: false, status: 401, reason: 'an "Authorization: Bearer <token>" header is required' };
  if (!rule) return { allowed: false, status: 403, reason: 'no rule allows this operation' };
  if (rule.roles?.some((r) => r !== 'integrator' && p.roles.includes(r))) return { allowed: true };
  if (p.roles.includes('integrator') && rule.scopes?.length && rule.scopes.every((s) => p.scopes.includes(s)))
    return { allowed: true };
  return { allowed: false, status: 403, reason: `the caller's role (${p.roles.join(', ')}) may not do this` };
}

/** `420102` (county) → `420102`; `420100` (city) → `4201`; `420000` (province) → `42`. */
export function regionPrefix(regionCode: string): string {
  let prefix = regionCode;
  while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return prefix;
}

export interface CaseAttributes {
  regionCode: string;
  serviceCentre: string | null;
}

/**
 * Object level: a clerk reaches cases of their own service centre within their region; an
 * integrator with `cases:read` reads any; nobody else (operators get no personal data). No
 * principal means authentication is off (local runs and legacy tests) or a system actor.
 */
export function canAccessCase(p: Principal | undefined, c: CaseAttributes): boolean {
  if (!p) return true;
  if (p.roles.includes('clerk') && p.regionCode && p.serviceCentre) {
    if (c.regionCode.startsWith(regionPrefix(p.regionCode)) && c.serviceCentre === p.serviceCentre) return true;
  }
  return p.roles.includes('integrator') && p.scopes.includes('cases:read');
}

/** A clerk registers cases only in their own region. */
export function canRegisterIn(p: Principal | undefined, regionCode: string): boolean {
  if (!p) return true;
  return Boolean(p.roles.includes('clerk') && p.regionCode && regionCode.startsWith(regionPrefix(p.regionCode)));
}

/** An officer acts only on tasks of their department. */
export function canActOnTask(p: Principal | undefined, task: { departmentCode: string }): boolean {
  if (!p) return true;
  return p.roles.includes('officer') && p.department === task.departmentCode;
}

/**
 * The department a caller is confined to: an officer's own (unless the token also makes them an
 * operator). Null for callers no department binds (operators, integrators the route admits, the
 * system) — the route's rule has already decided whether they may call at all.
 */
export function confinedDepartment(p: Principal | undefined): string | null {
  if (!p || !p.roles.includes('officer') || p.roles.includes('operator')) return null;
  return p.department ?? '';
}

/** Object level for department-owned records (rectifications, documents): an officer reaches only their department's. */
export function canReachDepartmentObject(p: Principal | undefined, o: { departmentCode: string }): boolean {
  const d = confinedDepartment(p);
  return d === null || d === o.departmentCode;
}

/** Full personal data (id numbers) only for roles that check identity at the window. */
export function seesFullPersonalData(p: Principal | undefined): boolean {
  return Boolean(p?.roles.includes('clerk'));
}

/** Where a clerk is confined: their centre within their region. Null for callers no place binds. */
export function confinedPlace(p: Principal | undefined): { regionPrefix: string; serviceCentre: string } | null {
  if (!p || !p.roles.includes('clerk')) return null;
  // A clerk token always names both (principalOf); '-' matches no region code or centre, should one lack them.
  return { regionPrefix: p.regionCode ? regionPrefix(p.regionCode) : '-', serviceCentre: p.serviceCentre ?? '-' };
}

/**
 * Object level for records that carry where their case was registered (result documents): a clerk
 * reaches those of their own centre within their region. A record whose centre is unknown (an online
 * case, or one recorded before the centre was carried) is checked by region alone; one whose region
 * is unknown too is out of every clerk's reach.
 */
export function canReachPlacedObject(p: Principal | undefined, o: { regionCode?: string | null; serviceCentre?: string | null }): boolean {
  const place = confinedPlace(p);
  if (place === null) return true;
  if (!o.regionCode || !o.regionCode.startsWith(place.regionPrefix)) return false;
  return !o.serviceCentre || o.serviceCentre === place.serviceCentre;
}
