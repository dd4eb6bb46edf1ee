import { Module } from '@nestjs/common';
import { CONFIG } from '@onewindow/platform';
import type { NotificationConfig } from '../config/notification.config';
import { SMS_GATEWAY } from '../sms/domain/sms-gateway';
import { HttpSmsGateway } from '../sms/infrastructure/http-sms-gateway';
import { SmsRateLimiter } from '../sms/infrastructure/sms-rate-limiter';
import { EmailSender } from './channels/email.sender';
import { SmsSender } from './channels/sms.sender';
import { WebhookSender } from './channels/webhook.sender';
import { DeliveriesController } from './deliveries.controller';
import { DeliverySignal } from './delivery-signal';
import { DeliveryWorker } from './delivery.worker';
import { CHANNEL_SENDERS, type ChannelSender } from './domain/channel';
import { GetDeliveryUseCase } from './get-delivery.usecase';
import { DeliveryRepository } from './infrastructure/delivery.repository';
import { ListDeliveriesUseCase } from './list-deliveries.usecase';
import { ReplayDeliveryUseCase } from './replay-delivery.usecase';
import { SendDeliveryUseCase } from './send-delivery.usecase';
import { WebhooksModule } from '../webhooks/webhooks.module';

@Module({
  imports: [WebhooksModule],
  controllers: [DeliveriesController],
  providers: [
    DeliveryRepository,
    DeliverySignal,
    EmailSender,
    WebhookSender,
    {
      provide: SMS_GATEWAY,
      useFactory: (config: NotificationConfig) => new HttpSmsGateway(config),
      inject: [CONFIG],
    },
    SmsRateLimiter,
    SmsSender,
    {
      provide: CHANNEL_SENDERS,
      // No gateway configured: no SMS channel (a phone number alone yields no delivery).
      useFactory: (config: NotificationConfig, ...senders: ChannelSender[]): ChannelSender[] =>
        senders.filter((s) => s.channel !== 'SMS' || config.SMS_GATEWAY_URL),
      inject: [CONFIG, EmailSender, WebhookSender, SmsSender],
    },
    SendDeliveryUseCase,
    DeliveryWorker,
    ListDeliveriesUseCase,
    GetDeliveryUseCase,
    ReplayDeliveryUseCase,
  ],
  exports: [DeliveryRepository, DeliverySignal],
})
export class DeliveriesModule {}
