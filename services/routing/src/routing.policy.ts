import type { ServicePolicy } from '@onewindow/platform';

/** Dispatch plans hold no personal data: operators and clerks follow them, integrators with a scope. */
export const ROUTING_POLICY: ServicePolicy = {
  'GET /api/v1/plans/:caseId': { roles: ['clerk', 'operator'], scopes: ['plans:read'] },
};
