import { ServiceNames, Topics } from '@onewindow/contracts';

/** What bootstrapService needs to know about this service besides its module; shared by main.ts and the tests. */
export const ROUTING = {
  service: ServiceNames.Routing,
  consumes: [Topics.IntakeCatalogEvents, Topics.IntakeCaseEvents, Topics.ApprovalTaskEvents],
  openApi: {
    title: 'OneWindow routing — the dispatch saga (后台分类审批)',
    description:
      'Turns each accepted case into department tasks (one per department the matter involves, in parallel stages) ' +
      'and their outcomes into one decision. Operators read a case’s plan here; everything else travels as events.',
    tags: ['plans'],
  },
};
