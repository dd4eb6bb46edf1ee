import { type EventData, EventTypes } from '@onewindow/contracts';
import { formatCalendarDate, formatChinaDate, formatChinaDateTime, maskPersonName } from './chinese-format';
import { Templates } from './milestone-templates';
import { render, type RenderedText } from './template';

/** The milestones an applicant is told about, in case order. */
export const MILESTONE_TYPES = [
  EventTypes.CaseSupplementRequired,
  EventTypes.CaseAccepted,
  EventTypes.CaseNotAccepted,
  EventTypes.CaseDecided,
  EventTypes.DocumentIssued,
  EventTypes.DocumentHandedOver,
] as const;
export type MilestoneType = (typeof MILESTONE_TYPES)[number];

/** What the read model knows about the applicant of a case. */
export interface RecipientFacts {
  applicantName: string;
  caseNo: string;
  matterName: string;
}

type Renderer<T extends MilestoneType> = (data: EventData<T>, r: RecipientFacts) => RenderedText;

const numbered = (lines: string[]) => lines.map((line, i) => `${i + 1}. ${line}`).join('\n');

const RENDERERS: { [T in MilestoneType]: Renderer<T> } = {
  [EventTypes.CaseAccepted]: (d, r) =>
    render(Templates.caseAccepted, {
      applicantName: r.applicantName,
      caseNo: d.caseNo,
      matterName: d.matterName,
      acceptedDate: formatChinaDate(d.acceptedAt),
      promisedDate: formatCalendarDate(d.promisedDate),
    }),
  [EventTypes.CaseSupplementRequired]: (d, r) =>
    render(Templates.supplementRequired, {
      applicantName: r.applicantName,
      caseNo: d.caseNo,
      matterName: r.matterName,
      missingList: numbered(d.missing.map((m) => (m.problem.trim() ? `${m.name}（${m.problem}）` : m.name))),
    }),
  [EventTypes.CaseNotAccepted]: (d, r) =>
    render(Templates.notAccepted, {
      applicantName: r.applicantName,
      caseNo: d.caseNo,
      matterName: r.matterName,
      reason: d.reason,
      legalBasis: d.legalBasis,
    }),
  [EventTypes.CaseDecided]: (d, r) =>
    d.outcome === 'APPROVED'
      ? render(Templates.decidedApproved, {
          applicantName: r.applicantName,
          caseNo: d.caseNo,
          matterName: d.matterName,
          decidedDate: formatChinaDate(d.decidedAt),
        })
      : render(Templates.decidedDenied, {
          applicantName: r.applicantName,
          caseNo: d.caseNo,
          matterName: d.matterName,
          decidedDate: formatChinaDate(d.decidedAt),
          reasonList: d.reasons.length ? numbered(d.reasons) : '详见不予许可决定书。',
        }),
  [EventTypes.DocumentIssued]: (d, r) =>
    render(Templates.documentIssued, {
      applicantName: r.applicantName,
      caseNo: d.caseNo,
      documentTitle: d.title,
      documentNo: d.documentNo,
    }),
  [EventTypes.DocumentHandedOver]: (d, r) =>
    render(Templates.documentHandedOver, {
      applicantName: r.applicantName,
      caseNo: d.caseNo,
      documentNo: d.documentNo,
      handedOverAt: formatChinaDateTime(d.handedOverAt),
      collector: d.collectorRole === 'HOLDER' ? '您本人' : `代领人 ${maskPersonName(d.collectorName)} `,
    }),
};

export function isMilestone(type: string): type is MilestoneType {
  return (MILESTONE_TYPES as readonly string[]).includes(type);
}

/** The message an applicant receives for a milestone event. */
export function renderMilestone<T extends MilestoneType>(
  type: T,
  data: EventData<T>,
  recipient: RecipientFacts,
): RenderedText {
  const renderer: Renderer<T> = RENDERERS[type];
  return renderer(data, recipient);
}
