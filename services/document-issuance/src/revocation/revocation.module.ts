import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { RevocationController } from './revocation.controller';
import { RevokeDocumentUseCase } from './revoke-document.usecase';

@Module({
  imports: [DocumentsModule],
  controllers: [RevocationController],
  providers: [RevokeDocumentUseCase],
})
export class RevocationModule {}
