import type { ServicePolicy } from '@onewindow/platform';

/** Dispatch plans hold no personal data: operators and clerks follow them, integrators with a scope. */
export const ROUTING_POLICY: ServicePolicy = {
  'GET /api/v1/plans/:caseId': { roles: ['clerk', 'operator'], scopes: ['plans:read'] },
  // Rules and the unroutable queue are operations; rules hold no personal data, so clerks may read them.
  'GET /api/v1/routing-rules/:matterCode': { roles: ['operator', 'clerk'], scopes: ['routing-rules:read'] },
  'PUT /api/v1/routing-rules/:matterCode': { roles: ['operator'] },
  'GET /api/v1/unroutable-cases': { roles: ['operator'] },
  'POST /api/v1/unroutable-cases/:caseId/retry': { roles: ['operator'] },
};
