import type { ServicePolicy } from '@onewindow/platform';

/**
 * The measures, rankings and bulletins are aggregates with no personal data, published the way the
 * reform publishes its rankings, and the dashboard page reads them from a browser without a token.
 * An evaluation carries its own proof (the per-case HMAC link). Rectifications are work for the
 * departments and the operators who supervise them.
 */
export const SUPERVISION_POLICY: ServicePolicy = {
  'GET /dashboard': { public: true },
  'GET /dashboard/app.js': { public: true },
  'GET /dashboard/echarts.min.js': { public: true },
  'GET /dashboard/noto-sans-sc.woff': { public: true },
  'GET /evaluate/:caseId': { public: true },
  'POST /api/v1/cases/:caseId/evaluations': { public: true },
  'GET /api/v1/measures/volume': { public: true },
  'GET /api/v1/measures/active-applicants': { public: true },
  'GET /api/v1/measures/speed': { public: true },
  'GET /api/v1/measures/overdue': { public: true },
  'GET /api/v1/measures/targets': { public: true },
  'GET /api/v1/measures/evaluations': { public: true },
  'GET /api/v1/rankings': { public: true },
  'GET /api/v1/bulletins/:file': { public: true },
  'GET /api/v1/weekly-reports/:week': { public: true },
  'GET /api/v1/weekly-reports/:week/pdf': { public: true },
  'GET /api/v1/rectifications': { roles: ['officer', 'operator'], scopes: ['rectifications:read'] },
  'GET /api/v1/rectifications/:id': { roles: ['officer', 'operator'], scopes: ['rectifications:read'] },
  'POST /api/v1/rectifications/:id/response': { roles: ['officer'] },
  'POST /api/v1/rectifications/:id/follow-up': { roles: ['operator'] },
  'POST /api/v1/rectifications/:id/closure': { roles: ['operator'] },
};
