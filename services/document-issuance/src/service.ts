import { ServiceNames, Topics } from '@onewindow/contracts';

/** What bootstrapService needs to know about this service besides its module; shared by main.ts and the tests. */
export const DOCUMENT_ISSUANCE = {
  service: ServiceNames.DocumentIssuance,
  consumes: [Topics.IntakeCatalogEvents, Topics.RoutingCaseEvents],
  openApi: {
    title: 'OneWindow document issuance — results at the window (综合窗口出件)',
    description:
      'Result documents (licences, approvals, filings, refusal notices) issued from case decisions, handed over at ' +
      'the comprehensive window after an identity check, signed (Ed25519) per department and verifiable by anyone ' +
      'holding the verification code or the QR code, offline with the published keys.',
    tags: ['documents', 'verification', 'signing-keys'],
  },
};
