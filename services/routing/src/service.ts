import { ServiceNames, Topics } from '@onewindow/contracts';

/** What bootstrapService needs to know about this service besides its module; shared by main.ts and the tests. */
export const ROUTING = {
  service: ServiceNames.Routing,
  consumes: [
    Topics.IntakeCatalogEvents,
    Topics.RoutingRuleEvents,
    Topics.IntakeCaseEvents,
    Topics.ApprovalTaskEvents,
  ],
  openApi: {
    title: 'OneWindow routing — the dispatch saga (后台分类审批)',
    description:
      'Turns each accepted case into department tasks by routing rules (matter, region, applicant, version; bundles ' +
      'in parallel and sequential stages) and their outcomes into one decision. Operators publish rules, read plans ' +
      'and work the unroutable queue here; everything else travels as events.',
    tags: ['plans', 'routing-rules', 'unroutable-cases'],
  },
};
