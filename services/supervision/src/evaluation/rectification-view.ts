import { isRectificationOverdue } from './domain/evaluation';
import type { RectificationDto } from './dto/evaluation.dto';
import type { Rectification } from './infrastructure/evaluation.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : undefined);

export function rectificationView(r: Rectification, now = new Date()): RectificationDto {
  const optional = {
    response: r.response ?? undefined,
    respondedBy: r.respondedBy ?? undefined,
    respondedAt: iso(r.respondedAt),
    followUpNote: r.followUpNote ?? undefined,
    followedUpBy: r.followedUpBy ?? undefined,
    applicantSatisfied: r.applicantSatisfied ?? undefined,
    followedUpAt: iso(r.followedUpAt),
    closingNote: r.closingNote ?? undefined,
    closedBy: r.closedBy ?? undefined,
    closedAt: iso(r.closedAt),
  };
  return {
    id: r.id,
    caseId: r.caseId,
    caseNo: r.caseNo,
    departmentCode: r.departmentCode,
    regionCode: r.regionCode,
    score: r.score,
    reason: r.reason,
    status: r.status,
    deadline: r.deadline,
    overdue: isRectificationOverdue(r.status, r.deadline, now),
    openedAt: r.openedAt.toISOString(),
    ...(Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) as Partial<RectificationDto>),
  };
}

