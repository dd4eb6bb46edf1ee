import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { RecordSmsReceiptUseCase } from './record-sms-receipt.usecase';
import { SmsReceiptsController } from './sms-receipts.controller';

@Module({
  imports: [DeliveriesModule],
  controllers: [SmsReceiptsController],
  providers: [RecordSmsReceiptUseCase],
})
export class SmsModule {}
