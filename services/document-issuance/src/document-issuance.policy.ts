import type { ServicePolicy } from '@onewindow/platform';

/**
 * Anyone may verify a licence by its code or fetch an electronic copy by its one-time token (the
 * code and token are the proof); the window hands out and revokes; key rotation is an operation.
 */
export const DOCUMENT_ISSUANCE_POLICY: ServicePolicy = {
  'GET /api/v1/verification/:code': { public: true },
  'GET /api/v1/electronic-copies/:token': { public: true },
  'GET /api/v1/documents': { roles: ['clerk'], scopes: ['documents:read'] },
  'GET /api/v1/documents/:id': { roles: ['clerk'], scopes: ['documents:read'] },
  'GET /api/v1/documents/:id/pdf': { roles: ['clerk'] },
  'POST /api/v1/documents/:id/handover': { roles: ['clerk'] },
  'POST /api/v1/documents/:id/revocation': { roles: ['officer'] },
  'GET /api/v1/signing-keys': { roles: ['operator'] },
  'POST /api/v1/signing-keys/:department/rotation': { roles: ['operator'] },
};
