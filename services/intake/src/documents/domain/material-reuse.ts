/** A document the government already issued to the applicant, as intake's read model keeps it. */
export interface IssuedDocumentFact {
  documentNo: string;
  matterCode: string;
  issuedAt: Date;
  /** YYYY-MM-DD; absent when the document does not expire. */
  validUntil: string | null;
}

export interface ShareableMaterial {
  code: string;
  shareable: boolean;
  providedByMatterCodes?: string[];
}

/**
 * 共享材料: for every shareable material that one of the applicant's issued, still valid documents
 * stands in for, the number of the newest such document (material code → document number).
 */
export function reusableMaterials(
  materials: ShareableMaterial[],
  documents: IssuedDocumentFact[],
  today: string,
): Map<string, string> {
  const valid = documents
    .filter((d) => d.validUntil === null || d.validUntil >= today)
    .sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime());
  const reused = new Map<string, string>();
  for (const m of materials) {
    if (!m.shareable || !m.providedByMatterCodes?.length) continue;
    const doc = valid.find((d) => m.providedByMatterCodes?.includes(d.matterCode));
    if (doc) reused.set(m.code, doc.documentNo);
  }
  return reused;
}
