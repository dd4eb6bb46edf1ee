import type { ServicePolicy } from '@onewindow/platform';

/**
 * Who may call which intake operation. Object-level rules (a clerk's own service centre and
 * region) are applied by the use cases through canAccessCase / canRegisterIn.
 */
export const INTAKE_POLICY: ServicePolicy = {
  'POST /api/v1/cases': { roles: ['clerk'] },
  'POST /api/v1/cases/with-files': { roles: ['clerk'] },
  'GET /api/v1/cases': { roles: ['clerk'], scopes: ['cases:read'] },
  'GET /api/v1/cases/:id': { roles: ['clerk'], scopes: ['cases:read'] },
  'GET /api/v1/cases/:id/supplement-notice': { roles: ['clerk'], scopes: ['cases:read'] },
  'GET /api/v1/cases/:id/supplement-notice/pdf': { roles: ['clerk'], scopes: ['cases:read'] },
  'GET /api/v1/cases/:id/receipt/pdf': { roles: ['clerk'], scopes: ['cases:read'] },
  'POST /api/v1/cases/:id/supplements': { roles: ['clerk'] },
  'POST /api/v1/cases/:id/refusal': { roles: ['clerk'] },
  'POST /api/v1/cases/:id/withdrawal': { roles: ['clerk'] },
  'POST /api/v1/cases/:id/materials/:code/files': { roles: ['clerk'] },
  'GET /api/v1/cases/:id/files': { roles: ['clerk'] },
  'GET /api/v1/cases/:id/files/:fileId': { roles: ['clerk'] },
  'POST /api/v1/matters/:code/materials-check': { roles: ['clerk'], scopes: ['catalog:read'] },
  'POST /api/v1/bundles/:code/materials-check': { roles: ['clerk'], scopes: ['catalog:read'] },
  // The catalogue is public information for every authenticated caller; publishing is an operation.
  'GET /api/v1/matters': { roles: ['clerk', 'officer', 'operator'], scopes: ['catalog:read'] },
  'GET /api/v1/matters/:code': { roles: ['clerk', 'officer', 'operator'], scopes: ['catalog:read'] },
  'PUT /api/v1/matters/:code': { roles: ['operator'] },
  'GET /api/v1/bundles': { roles: ['clerk', 'officer', 'operator'], scopes: ['catalog:read'] },
  'GET /api/v1/bundles/:code': { roles: ['clerk', 'officer', 'operator'], scopes: ['catalog:read'] },
  'GET /api/v1/departments': { roles: ['clerk', 'officer', 'operator'], scopes: ['catalog:read'] },
  'GET /api/v1/regions': { roles: ['clerk', 'officer', 'operator'], scopes: ['catalog:read'] },
};
