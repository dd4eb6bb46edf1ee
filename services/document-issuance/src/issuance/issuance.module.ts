import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { SigningModule } from '../signing/signing.module';
import { CaseDecidedConsumer } from './case-decided.consumer';
import { IssuanceRepository } from './infrastructure/issuance.repository';
import { IssueDocumentUseCase } from './issue-document.usecase';

@Module({
  imports: [DocumentsModule, SigningModule],
  controllers: [CaseDecidedConsumer],
  providers: [IssueDocumentUseCase, IssuanceRepository],
})
export class IssuanceModule {}
