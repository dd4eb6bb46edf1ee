import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { CONFIG, ProblemException } from '@onewindow/platform';
import type { DocumentIssuanceConfig } from '../config/document-issuance.config';
import { DocumentAccess } from '../documents/document-access';
import { DocumentRepository } from '../documents/infrastructure/document.repository';
import { renderDocumentPdf } from './document-pdf.renderer';

@Injectable()
export class RenderDocumentPdfUseCase {
  constructor(
    private readonly documents: DocumentRepository,
    private readonly access: DocumentAccess,
    @Inject(CONFIG) private readonly config: DocumentIssuanceConfig,
  ) {}

  async execute(id: string): Promise<{ documentNo: string; pdf: Buffer }> {
    const doc = await this.access.read(id, 'document.pdf.read');
    return { documentNo: doc.documentNo, pdf: await renderDocumentPdf(doc, this.config.VERIFICATION_URL) };
  }

  /** The holder's electronic copy (电子送达), by the secret of the download link; a revoked one is not served. */
  async byElectronicToken(token: string): Promise<{ documentNo: string; pdf: Buffer }> {
    const doc = await this.documents.findByElectronicToken(token);
    if (!doc) {
      throw new ProblemException(
        'electronic-copy-not-found',
        'No electronic copy at this link',
        HttpStatus.NOT_FOUND,
      );
    }
    if (doc.status === 'REVOKED') {
      throw new ProblemException(
        'electronic-copy-revoked',
        'The electronic copy is gone: the document was revoked',
        HttpStatus.GONE,
        doc.revocation?.reason,
      );
    }
    await this.access.recordRead(doc, 'document.electronic-copy.read');
    return { documentNo: doc.documentNo, pdf: await renderDocumentPdf(doc, this.config.VERIFICATION_URL) };
  }
}
