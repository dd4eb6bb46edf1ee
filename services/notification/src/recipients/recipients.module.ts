import { Module } from '@nestjs/common';
import { CaseReceivedConsumer } from './case-received.consumer';
import { RecipientRepository } from './infrastructure/recipient.repository';
import { RecordRecipientUseCase } from './record-recipient.usecase';

@Module({
  controllers: [CaseReceivedConsumer],
  providers: [RecipientRepository, RecordRecipientUseCase],
  exports: [RecipientRepository],
})
export class RecipientsModule {}
