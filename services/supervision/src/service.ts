import { ServiceNames, Topics } from '@onewindow/contracts';

/** What bootstrapService needs to know about this service besides its module; shared by main.ts and the tests. */
export const SUPERVISION = {
  service: ServiceNames.Supervision,
  consumes: [
    Topics.IntakeCatalogEvents,
    Topics.IntakeCaseEvents,
    Topics.RoutingCaseEvents,
    Topics.ApprovalTaskEvents,
    Topics.IssuanceDocumentEvents,
  ],
  openApi: {
    title: 'OneWindow supervision — reform KPIs, 好差评 and the dashboard',
    description:
      'A read model of every service’s events: volume, speed, the reform’s targets (最多跑一次, materials reused, ' +
      'one window, online), overdue tasks, citizen evaluations (好差评) with rectifications (整改), the ranking of ' +
      'cities and departments and the monthly bulletin (通报). The dashboard is at /dashboard.',
    tags: ['measures', 'evaluations', 'rectifications', 'rankings', 'dashboard'],
  },
};
