import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { MattersModule } from '../matters/matters.module';
import { SigningModule } from '../signing/signing.module';
import { CaseDecidedConsumer } from './case-decided.consumer';
import { IssueDocumentUseCase } from './issue-document.usecase';

@Module({
  imports: [DocumentsModule, MattersModule, SigningModule],
  controllers: [CaseDecidedConsumer],
  providers: [IssueDocumentUseCase],
})
export class IssuanceModule {}
