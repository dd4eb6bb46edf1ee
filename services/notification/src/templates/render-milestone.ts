import { EVENT_CATALOG, type EventData, EventTypes } from '@onewindow/contracts';
import { builtInTemplate, type TemplateText } from './built-in-templates';
import { formatCalendarDate, formatChinaDate, formatChinaDateTime, maskPersonName } from './chinese-format';
import { checkTemplate, compileTemplate } from './domain/template-check';
import { type VarNode, variablesOfSchema, withComputed } from './domain/template-variables';
import { DEFAULT_LOCALE, type TemplateLocale } from './domain/locale';
import { formatCalendarDateEn, formatChinaDateEn, formatChinaDateTimeEn } from './english-format';

/** The milestones an applicant is told about, in case order. */
export const MILESTONE_TYPES = [
  EventTypes.CaseSupplementRequired,
  EventTypes.CaseAccepted,
  EventTypes.CaseNotAccepted,
  EventTypes.CaseDecided,
  EventTypes.DocumentIssued,
  EventTypes.DocumentHandedOver,
  // After a poor rating (差评): the applicant hears that it went to the department, and its answer.
  EventTypes.RectificationOpened,
  EventTypes.RectificationResponded,
] as const;
export type MilestoneType = (typeof MILESTONE_TYPES)[number];

/** What the read model knows about the applicant of a case. */
export interface RecipientFacts {
  applicantName: string;
  caseNo: string;
  matterName: string;
}

export interface RenderedText {
  subject: string;
  text: string;
}

type Computer<T extends MilestoneType> = (d: EventData<T>, r: RecipientFacts, locale: TemplateLocale) => Record<string, string | boolean>;

const numbered = (lines: string[]) => lines.map((line, i) => `${i + 1}. ${line}`).join('\n');
const date = (l: TemplateLocale, d: string) => (l === 'en' ? formatCalendarDateEn(d) : formatCalendarDate(d));
const day = (l: TemplateLocale, i: string) => (l === 'en' ? formatChinaDateEn(i) : formatChinaDate(i));

/**
 * Values a template may use besides the event's own fields: the applicant from the read model and
 * texts formatted for the locale. A computed name shadows the event field of the same name
 * (`promisedDate`, `handedOverAt` are given formatted, not as ISO strings).
 */
const COMPUTERS: { [T in MilestoneType]: Computer<T> } = {
  [EventTypes.CaseAccepted]: (d, r, l) => ({
    applicantName: r.applicantName,
    matterName: d.matterName,
    acceptedDate: day(l, d.acceptedAt),
    promisedDate: date(l, d.promisedDate),
  }),
  [EventTypes.CaseSupplementRequired]: (d, r, l) => ({
    applicantName: r.applicantName,
    matterName: r.matterName,
    missingList: numbered(
      d.missing.map((m) => (m.problem.trim() ? (l === 'en' ? `${m.name} (${m.problem})` : `${m.name}（${m.problem}）`) : m.name)),
    ),
  }),
  [EventTypes.CaseNotAccepted]: (_d, r) => ({ applicantName: r.applicantName, matterName: r.matterName }),
  [EventTypes.CaseDecided]: (d, r, l) => ({
    applicantName: r.applicantName,
    matterName: d.matterName,
    approved: d.outcome === 'APPROVED',
    decidedDate: day(l, d.decidedAt),
    reasonList: d.reasons.length ? numbered(d.reasons) : l === 'en' ? 'See the written decision.' : '详见不予许可决定书。',
  }),
  [EventTypes.DocumentIssued]: (d, r) => ({ applicantName: r.applicantName, matterName: r.matterName, documentTitle: d.title }),
  [EventTypes.DocumentHandedOver]: (d, r, l) => ({
    applicantName: r.applicantName,
    matterName: r.matterName,
    handedOverAt: l === 'en' ? formatChinaDateTimeEn(d.handedOverAt) : formatChinaDateTime(d.handedOverAt),
    collector:
      d.collectorRole === 'HOLDER'
        ? l === 'en' ? 'you in person' : '您本人'
        : l === 'en' ? `your agent ${maskPersonName(d.collectorName)}` : `代领人 ${maskPersonName(d.collectorName)} `,
  }),
  [EventTypes.RectificationOpened]: (d, r, l) => ({
    applicantName: r.applicantName,
    matterName: r.matterName,
    caseNo: r.caseNo,
    deadlineDate: date(l, d.deadline),
  }),
  [EventTypes.RectificationResponded]: (_d, r) => ({ applicantName: r.applicantName, matterName: r.matterName, caseNo: r.caseNo }),
};

/** The names COMPUTERS add per event type (a unit test checks the two agree). */
const COMPUTED_NAMES: Record<MilestoneType, readonly string[]> = {
  [EventTypes.CaseAccepted]: ['applicantName', 'matterName', 'acceptedDate', 'promisedDate'],
  [EventTypes.CaseSupplementRequired]: ['applicantName', 'matterName', 'missingList'],
  [EventTypes.CaseNotAccepted]: ['applicantName', 'matterName'],
  [EventTypes.CaseDecided]: ['applicantName', 'matterName', 'approved', 'decidedDate', 'reasonList'],
  [EventTypes.DocumentIssued]: ['applicantName', 'matterName', 'documentTitle'],
  [EventTypes.DocumentHandedOver]: ['applicantName', 'matterName', 'handedOverAt', 'collector'],
  [EventTypes.RectificationOpened]: ['applicantName', 'matterName', 'caseNo', 'deadlineDate'],
  [EventTypes.RectificationResponded]: ['applicantName', 'matterName', 'caseNo'],
};

export function computedVariableNames(type: MilestoneType): readonly string[] {
  return COMPUTED_NAMES[type];
}

export function isMilestone(type: string): type is MilestoneType {
  return (MILESTONE_TYPES as readonly string[]).includes(type);
}

/** Every variable a template for this event type may use: the event's schema plus the computed ones. */
export function templateVariables(type: MilestoneType): VarNode {
  return withComputed(variablesOfSchema(EVENT_CATALOG[type].schema), COMPUTED_NAMES[type]);
}

/** What a template of this event type is rendered with. */
export function milestoneContext<T extends MilestoneType>(
  type: T,
  data: EventData<T>,
  recipient: RecipientFacts,
  locale: TemplateLocale = DEFAULT_LOCALE,
): Record<string, unknown> {
  const computer: Computer<T> = COMPUTERS[type];
  return { ...data, ...computer(data, recipient, locale) };
}

export class TemplateRenderError extends Error {
  override name = 'TemplateRenderError';
}

/** Renders a template; strict, so a variable the context lacks (an optional field left out) throws, never leaves a hole. */
export function renderTemplate(template: TemplateText, context: Record<string, unknown>): RenderedText {
  try {
    const subject = compileTemplate(template.subject)(context).replace(/\s+/g, ' ').trim();
    const text = compileTemplate(template.body)(context);
    if (!subject || !text.trim()) throw new TemplateRenderError('the template rendered an empty subject or body');
    return { subject, text };
  } catch (e) {
    if (e instanceof TemplateRenderError) throw e;
    throw new TemplateRenderError((e as Error).message);
  }
}

/** The built-in (version 1) message of a milestone. */
export function renderMilestone<T extends MilestoneType>(
  type: T,
  data: EventData<T>,
  recipient: RecipientFacts,
  locale: TemplateLocale = DEFAULT_LOCALE,
): RenderedText {
  return renderTemplate(builtInTemplate(type, locale), milestoneContext(type, data, recipient, locale));
}

export { checkTemplate };
