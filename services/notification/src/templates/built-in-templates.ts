import { EventTypes } from '@onewindow/contracts';
import type { TemplateLocale } from './domain/locale';
import { Templates } from './milestone-templates';
import type { MilestoneType } from './render-milestone';

export interface TemplateText {
  subject: string;
  body: string;
}

/** The approved and denied wordings of a decision, as one template choosing by the computed `approved`. */
const either = (a: string, b: string) => `{{#if approved}}${a}{{else}}${b}{{/if}}`;

const ZH: Record<MilestoneType, TemplateText> = {
  [EventTypes.CaseSupplementRequired]: Templates.supplementRequired,
  [EventTypes.CaseAccepted]: Templates.caseAccepted,
  [EventTypes.CaseNotAccepted]: Templates.notAccepted,
  [EventTypes.CaseDecided]: {
    subject: either(Templates.decidedApproved.subject, Templates.decidedDenied.subject),
    body: either(Templates.decidedApproved.body, Templates.decidedDenied.body),
  },
  [EventTypes.DocumentIssued]: Templates.documentIssued,
  [EventTypes.DocumentHandedOver]: Templates.documentHandedOver,
  [EventTypes.RectificationOpened]: Templates.rectificationOpened,
  [EventTypes.RectificationResponded]: Templates.rectificationResponded,
};

const FOOTER_EN =
  '\n\nThis message was sent automatically by the government service centre; please do not reply. For questions call the 12345 government service hotline.';

const EN: Record<MilestoneType, TemplateText> = {
  [EventTypes.CaseSupplementRequired]: {
    subject: '[One-time notice] Your case {{caseNo}} needs further materials',
    body: `Dear {{applicantName}},

Your application "{{matterName}}" (case number {{caseNo}}) was reviewed. Please supply the following materials:
{{missingList}}

This is the complete list (one-time notice): please bring all of them together. The time limit stops while we wait for them.${FOOTER_EN}`,
  },
  [EventTypes.CaseAccepted]: {
    subject: '[Accepted] Your case {{caseNo}} has been accepted',
    body: `Dear {{applicantName}},

Your application "{{matterName}}" (case number {{caseNo}}) was formally accepted on {{acceptedDate}}.
Promised completion date: {{promisedDate}}.
Should any material need correcting, we will tell you everything at once.${FOOTER_EN}`,
  },
  [EventTypes.CaseNotAccepted]: {
    subject: '[Not accepted] Your case {{caseNo}} was not accepted',
    body: `Dear {{applicantName}},

Your application "{{matterName}}" (case number {{caseNo}}) was reviewed and not accepted.
Reason: {{reason}}
Legal basis: {{legalBasis}}

You may apply for administrative reconsideration or bring an administrative lawsuit against this decision.${FOOTER_EN}`,
  },
  [EventTypes.CaseDecided]: {
    subject: either('[Decision] Your case {{caseNo}} was approved', '[Decision] Your case {{caseNo}} was not approved'),
    body: either(
      `Dear {{applicantName}},

Your application "{{matterName}}" (case number {{caseNo}}) was approved on {{decidedDate}}.
We will tell you when the result document can be collected at the comprehensive window.${FOOTER_EN}`,
      `Dear {{applicantName}},

Your application "{{matterName}}" (case number {{caseNo}}) was not approved on {{decidedDate}}.
Reasons:
{{reasonList}}

We will tell you when the written decision can be collected at the comprehensive window. You may apply for administrative reconsideration or bring an administrative lawsuit against this decision.${FOOTER_EN}`,
    ),
  },
  [EventTypes.DocumentIssued]: {
    subject: '[Ready for pickup] The result of your case {{caseNo}} is ready',
    body: `Dear {{applicantName}},

The result document "{{documentTitle}}" of your case {{caseNo}} has been issued, document number {{documentNo}}.
Please collect it in person at the comprehensive window with valid identification; an agent collecting for you needs your written authorisation and their own identification.${FOOTER_EN}`,
  },
  [EventTypes.DocumentHandedOver]: {
    subject: '[Collected] The result of your case {{caseNo}} has been collected',
    body: `Dear {{applicantName}},

The result document (number {{documentNo}}) of your case {{caseNo}} was collected at the comprehensive window on {{handedOverAt}} by {{collector}}.
If neither you nor someone you authorised collected it, please call 12345 at once.

Please rate our service.${FOOTER_EN}`,
  },
  [EventTypes.RectificationOpened]: {
    subject: '[Rectification] Your rating of case {{caseNo}} went to the department',
    body: `Dear {{applicantName}},

Thank you for rating "{{matterName}}" (case number {{caseNo}}). The problem you reported has been passed to the department that handled the case for rectification.
The department will answer you by {{deadlineDate}}; the service administration will then check with you how it was settled.${FOOTER_EN}`,
  },
  [EventTypes.RectificationResponded]: {
    subject: '[Rectification] The department answered about case {{caseNo}}',
    body: `Dear {{applicantName}},

About the problem you reported with "{{matterName}}" (case number {{caseNo}}), the department answers:
{{response}}

The service administration will check with you how it was settled.${FOOTER_EN}`,
  },
};

/** Version 1 of every template: the texts the service sent before templates could be published. */
export function builtInTemplate(type: MilestoneType, locale: TemplateLocale): TemplateText {
  const t = (locale === 'en' ? EN : ZH)[type];
  return { subject: t.subject, body: t.body };
}
