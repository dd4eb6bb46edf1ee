import type { ServicePolicy } from '@onewindow/platform';

/** Deliveries and their replay are operations; the SMS gateway's receipts carry their own signature. */
export const NOTIFICATION_POLICY: ServicePolicy = {
  'GET /api/v1/deliveries': { roles: ['operator'] },
  'GET /api/v1/deliveries/:id': { roles: ['operator'] },
  'POST /api/v1/deliveries/:id/replay': { roles: ['operator'] },
  'GET /api/v1/dead-letters': { roles: ['operator'] },
  'POST /api/v1/sms/receipts': { public: true },
  // Templates are operations; integrators manage their own webhook subscriptions with a scope.
  'POST /api/v1/templates': { roles: ['operator'] },
  'GET /api/v1/templates': { roles: ['operator'], scopes: ['templates:read'] },
  'GET /api/v1/templates/variables/:eventType': { roles: ['operator'], scopes: ['templates:read'] },
  'GET /api/v1/templates/:eventType/:channel/:locale/versions': { roles: ['operator'], scopes: ['templates:read'] },
  'GET /api/v1/templates/:eventType/:channel/:locale/versions/:version': { roles: ['operator'], scopes: ['templates:read'] },
  'POST /api/v1/webhook-subscriptions': { roles: ['operator'], scopes: ['webhooks:manage'] },
  'GET /api/v1/webhook-subscriptions': { roles: ['operator'], scopes: ['webhooks:manage'] },
  'GET /api/v1/webhook-subscriptions/:id': { roles: ['operator'], scopes: ['webhooks:manage'] },
  'DELETE /api/v1/webhook-subscriptions/:id': { roles: ['operator'], scopes: ['webhooks:manage'] },
};
