import { Module } from '@nestjs/common';
import { EmailSender } from './channels/email.sender';
import { WebhookSender } from './channels/webhook.sender';
import { DeliveriesController } from './deliveries.controller';
import { DeliverySignal } from './delivery-signal';
import { DeliveryWorker } from './delivery.worker';
import { CHANNEL_SENDERS, type ChannelSender } from './domain/channel';
import { GetDeliveryUseCase } from './get-delivery.usecase';
import { DeliveryRepository } from './infrastructure/delivery.repository';
import { ListDeliveriesUseCase } from './list-deliveries.usecase';
import { SendDeliveryUseCase } from './send-delivery.usecase';

@Module({
  controllers: [DeliveriesController],
  providers: [
    DeliveryRepository,
    DeliverySignal,
    EmailSender,
    WebhookSender,
    {
      provide: CHANNEL_SENDERS,
      useFactory: (...senders: ChannelSender[]) => senders,
      inject: [EmailSender, WebhookSender],
    },
    SendDeliveryUseCase,
    DeliveryWorker,
    ListDeliveriesUseCase,
    GetDeliveryUseCase,
  ],
  exports: [DeliveryRepository, DeliverySignal],
})
export class DeliveriesModule {}
