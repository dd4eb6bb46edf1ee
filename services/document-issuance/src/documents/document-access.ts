import { Injectable } from '@nestjs/common';
import { AuditTrail, canReachDepartmentObject, canReachPlacedObject, confinedPlace, currentPrincipal, ProblemException } from '@onewindow/platform';
import type { EntityManager } from 'typeorm';
import type { ResultDocument } from './domain/result-document';
import { DocumentRepository } from './infrastructure/document.repository';

export type DocumentReadAction = 'document.read' | 'document.pdf.read' | 'document.electronic-copy.read';

/**
 * The one place the use cases ask for a document on a caller's behalf: an officer reaches only
 * their own department's, a clerk only those of cases registered at their own centre within their
 * region (region alone when the centre is unknown: online cases, documents issued before the
 * decision carried it). Anything else answers 404, like a missing one, and lists leave it out.
 * Every read is on the audit trail — who, which document, why (`x-audit-reason`).
 */
@Injectable()
export class DocumentAccess {
  constructor(
    private readonly documents: DocumentRepository,
    private readonly audit: AuditTrail,
  ) {}

  async read(id: string, action: DocumentReadAction): Promise<ResultDocument> {
    return this.recordRead(reachable(await this.documents.findById(id), id), action);
  }

  async recordRead(doc: ResultDocument, action: DocumentReadAction): Promise<ResultDocument> {
    await this.audit.record({ action, subjectType: 'document', subjectId: doc.id, details: { caseId: doc.caseId, documentNo: doc.documentNo } });
    return doc;
  }

  /** The clerk's reach for a list query; undefined for callers no place binds. */
  listScope(): { regionPrefix: string; serviceCentre: string } | undefined {
    return confinedPlace(currentPrincipal()) ?? undefined;
  }

  /** A page of documents a caller was shown: one record (subject: the page's first document) naming them all. */
  async recordList(docs: ResultDocument[], filter: Record<string, unknown>): Promise<void> {
    if (docs.length === 0) return;
    await this.audit.record({ action: 'document.list', subjectType: 'document-page', subjectId: docs[0].id, details: { filter, documentIds: docs.map((d) => d.id) } });
  }

  /** Row-locked for a change in the caller's transaction; the change itself is recorded by `recordChange`. */
  async lockForChange(id: string, manager: EntityManager): Promise<ResultDocument> {
    return reachable(await this.documents.lockById(id, manager), id);
  }

  async recordChange(manager: EntityManager, action: string, doc: ResultDocument, details: Record<string, unknown> = {}, reason?: string): Promise<void> {
    await this.audit.record({ action, subjectType: 'document', subjectId: doc.id, ...(reason ? { reason } : {}), details: { caseId: doc.caseId, documentNo: doc.documentNo, ...details } }, manager);
  }
}

function reachable(doc: ResultDocument | undefined, id: string): ResultDocument {
  const p = currentPrincipal();
  if (!doc || !canReachDepartmentObject(p, doc) || !canReachPlacedObject(p, doc)) throw ProblemException.notFound('document', id);
  return doc;
}
