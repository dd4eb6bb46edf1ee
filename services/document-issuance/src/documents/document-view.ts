import { maskIdNumber } from '@onewindow/domain';
import { maskAddress } from './domain/masking';
import type { ResultDocument } from './domain/result-document';
import type { DocumentDto } from './dto/document.dto';

/** What clerks see: full names (they compare them with the ID card in hand), masked ID numbers. */
export function toDocumentDto(d: ResultDocument): DocumentDto {
  return {
    id: d.id,
    documentNo: d.documentNo,
    caseId: d.caseId,
    caseNo: d.caseNo,
    kind: d.kind,
    title: d.title,
    matterCode: d.matterCode,
    departmentCode: d.departmentCode,
    departmentName: d.departmentName,
    holder: { kind: d.holder.kind, name: d.holder.name, idNumberMasked: maskIdNumber(d.holder.idNumber) },
    reasons: d.reasons,
    status: d.status,
    verificationCode: d.verificationCode,
    issuedAt: d.issuedAt.toISOString(),
    ...(d.validUntil ? { validUntil: d.validUntil } : {}),
    ...(d.handover
      ? {
          handover: {
            method: d.handover.method,
            clerkId: d.handover.clerkId,
            collectorName: d.handover.collectorName,
            collectorRole: d.handover.collectorRole,
            collectorIdNumberMasked: maskIdNumber(d.handover.collectorIdNumber),
            ...(d.handover.authorisationRef ? { authorisationRef: d.handover.authorisationRef } : {}),
            handedOverAt: d.handover.handedOverAt.toISOString(),
            ...(d.handover.courier
              ? {
                  courier: {
                    company: d.handover.courier.company,
                    trackingNo: d.handover.courier.trackingNo,
                    addressMasked: maskAddress(d.handover.courier.address),
                  },
                }
              : {}),
            ...(d.handover.electronicToken
              ? { electronicCopyUrl: `/api/v1/electronic-copies/${d.handover.electronicToken}` }
              : {}),
          },
        }
      : {}),
    ...(d.signature ? { signature: { ...d.signature } } : {}),
    ...(d.uncollectedFlaggedAt ? { uncollectedFlaggedAt: d.uncollectedFlaggedAt.toISOString() } : {}),
    ...(d.revocation
      ? {
          revocation: {
            reason: d.revocation.reason,
            revokedBy: d.revocation.revokedBy,
            revokedAt: d.revocation.revokedAt.toISOString(),
          },
        }
      : {}),
  };
}
