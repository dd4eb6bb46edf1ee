import { ServiceNames, Topics } from '@onewindow/contracts';

/** What bootstrapService needs to know about this service besides its module; shared by main.ts and the tests. */
export const NOTIFICATION = {
  service: ServiceNames.Notification,
  consumes: [Topics.IntakeCaseEvents, Topics.RoutingCaseEvents, Topics.IssuanceDocumentEvents, Topics.SupervisionEvaluationEvents],
  openApi: {
    title: 'OneWindow notification — telling applicants where their case stands',
    description:
      'Milestone messages (accepted, one-time supplement notice, not accepted, decided, ready for pickup, handed over, ' +
      'a poor rating passed on for rectification and the department\'s answer) ' +
      'sent by SMS (through a gateway, with delivery receipts, rate limits and quiet hours), e-mail and signed ' +
      'webhooks, with retries; the delivery log with masked recipients; dead letters an operator can replay.',
    tags: ['deliveries', 'sms', 'templates', 'webhooks'],
  },
};
