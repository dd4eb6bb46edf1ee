import type { ServicePolicy } from '@onewindow/platform';

/** Deliveries and their replay are operations; the SMS gateway's receipts carry their own signature. */
export const NOTIFICATION_POLICY: ServicePolicy = {
  'GET /api/v1/deliveries': { roles: ['operator'] },
  'GET /api/v1/deliveries/:id': { roles: ['operator'] },
  'POST /api/v1/deliveries/:id/replay': { roles: ['operator'] },
  'GET /api/v1/dead-letters': { roles: ['operator'] },
  'POST /api/v1/sms/receipts': { public: true },
};
