import { HttpStatus, Injectable } from '@nestjs/common';
import { ProblemException } from '@onewindow/platform';
import { publicHolderName } from '../documents/domain/masking';
import { DocumentRepository } from '../documents/infrastructure/document.repository';
import { chinaDate, formatDate } from '../issuance/domain/china-calendar';
import { normaliseVerificationCode } from '../issuance/domain/verification-code';
import { DocumentSigner } from '../signing/document-signer';
import { judge } from './domain/verdict';
import type { VerificationDto } from './dto/verification.dto';

export interface VerifyDocumentQuery {
  code: string;
  /** From the QR code: the signature printed with the code. */
  presented?: { kid?: string; sig?: string };
}

/** Public check of a document by its verification code (and QR signature): what anyone may learn, nothing more. */
@Injectable()
export class VerifyDocumentUseCase {
  constructor(
    private readonly documents: DocumentRepository,
    private readonly signer: DocumentSigner,
  ) {}

  async execute(q: VerifyDocumentQuery): Promise<VerificationDto> {
    const doc = await this.documents.findByVerificationCode(normaliseVerificationCode(q.code));
    if (!doc) {
      throw new ProblemException(
        'verification-code-unknown',
        'No document has this verification code',
        HttpStatus.NOT_FOUND,
        'Check the code printed on the document; it has no 0, O, 1, I or L.',
      );
    }
    const recordSignatureValid = doc.signature ? await this.signer.verify(doc, doc.signature) : false;
    let presentedSignatureValid: boolean | undefined;
    if (q.presented?.sig) {
      presentedSignatureValid = await this.signer.verify(doc, {
        kid: q.presented.kid ?? doc.signature?.kid ?? '',
        value: q.presented.sig,
      });
    }
    const { verdict, reason } = judge(
      {
        status: doc.status,
        validUntil: doc.validUntil,
        revocation: doc.revocation,
        recordSignatureValid,
        presentedSignatureValid,
      },
      formatDate(chinaDate(new Date())),
    );
    return {
      valid: verdict === 'VALID',
      verdict,
      reason,
      status: doc.status,
      documentNo: doc.documentNo,
      kind: doc.kind,
      title: doc.title,
      departmentName: doc.departmentName,
      holderName: publicHolderName(doc.holder),
      issuedAt: doc.issuedAt.toISOString(),
      ...(doc.validUntil ? { validUntil: doc.validUntil } : {}),
      ...(doc.revocation ? { revokedAt: doc.revocation.revokedAt.toISOString() } : {}),
      ...(doc.signature ? { signature: { algorithm: doc.signature.algorithm, kid: doc.signature.kid } } : {}),
    };
  }
}
