import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { SigningModule } from '../signing/signing.module';
import { VerificationController } from './verification.controller';
import { VerifyDocumentUseCase } from './verify-document.usecase';

@Module({
  imports: [DocumentsModule, SigningModule],
  controllers: [VerificationController],
  providers: [VerifyDocumentUseCase],
})
export class VerificationModule {}
