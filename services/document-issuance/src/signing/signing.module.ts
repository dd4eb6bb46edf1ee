import { Module } from '@nestjs/common';
import { DocumentSigner } from './document-signer';
import { SigningKeyRepository } from './infrastructure/signing-key.repository';
import { SigningKeysController } from './signing-keys.controller';

@Module({
  controllers: [SigningKeysController],
  providers: [SigningKeyRepository, DocumentSigner],
  exports: [DocumentSigner],
})
export class SigningModule {}
