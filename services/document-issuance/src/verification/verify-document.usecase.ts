import { HttpStatus, Injectable } from '@nestjs/common';
import { ProblemException } from '@onewindow/platform';
import { publicHolderName } from '../documents/domain/masking';
import { DocumentRepository } from '../documents/infrastructure/document.repository';
import { chinaDate, formatDate } from '../issuance/domain/china-calendar';
import { normaliseVerificationCode } from '../issuance/domain/verification-code';
import { isValidOn } from './domain/validity';
import type { VerificationDto } from './dto/verification.dto';

/** Public check of a document by its verification code: what anyone may learn, nothing more. */
@Injectable()
export class VerifyDocumentUseCase {
  constructor(private readonly documents: DocumentRepository) {}

  async execute(code: string): Promise<VerificationDto> {
    const doc = await this.documents.findByVerificationCode(normaliseVerificationCode(code));
    if (!doc) {
      throw new ProblemException(
        'verification-code-unknown',
        'No document has this verification code',
        HttpStatus.NOT_FOUND,
        'Check the code printed on the document; it has no 0, O, 1, I or L.',
      );
    }
    return {
      valid: isValidOn(doc, formatDate(chinaDate(new Date()))),
      status: doc.status,
      documentNo: doc.documentNo,
      kind: doc.kind,
      title: doc.title,
      holderName: publicHolderName(doc.holder),
      issuedAt: doc.issuedAt.toISOString(),
      ...(doc.validUntil ? { validUntil: doc.validUntil } : {}),
    };
  }
}
