import type { RecipientFacts } from '../../templates/render-milestone';

/** Whom to tell about a case: the applicant's name and contact as intake recorded them. */
export interface Recipient extends RecipientFacts {
  caseId: string;
  email?: string;
  phone?: string;
  /** The language the applicant asked for (zh-CN or en); messages default to zh-CN. */
  locale?: string;
}

export interface ApplicantSnapshot {
  caseId: string;
  caseNo: string;
  matterName: string;
  applicant: { name: string; contact: { email?: string; phone?: string; locale?: string } };
}

/** The events that carry the case summary (case.received, case.accepted, case.decided) name the recipient themselves. */
export function recipientFrom(s: ApplicantSnapshot): Recipient {
  const email = s.applicant.contact.email?.trim();
  const phone = s.applicant.contact.phone?.trim();
  return {
    caseId: s.caseId,
    caseNo: s.caseNo,
    matterName: s.matterName,
    applicantName: s.applicant.name,
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(s.applicant.contact.locale ? { locale: s.applicant.contact.locale } : {}),
  };
}
