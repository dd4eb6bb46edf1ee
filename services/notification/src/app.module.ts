import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, SecurityModule } from '@onewindow/platform';
import { NOTIFICATION_POLICY } from './notification.policy';
import type { Logger } from 'pino';
import { InitialSchema1764288000000 } from '../migrations/1764288000000-initial-schema';
import { SmsReceiptsAndReplay1764374400000 } from '../migrations/1764374400000-sms-receipts-and-replay';
import { TemplatesAndWebhookSubscriptions1764460800000 } from '../migrations/1764460800000-templates-and-webhook-subscriptions';
import { ClockModule } from './clock.module';
import type { NotificationConfig } from './config/notification.config';
import { DeliveriesModule } from './deliveries/deliveries.module';
import type { Clock } from './deliveries/domain/clock';
import { DeliveryEntity } from './deliveries/infrastructure/delivery.entity';
import { MessageEntity } from './deliveries/infrastructure/message.entity';
import { MilestonesModule } from './milestones/milestones.module';
import { RecipientEntity } from './recipients/infrastructure/recipient.entity';
import { RecipientsModule } from './recipients/recipients.module';
import { NOTIFICATION } from './service';
import { SmsModule } from './sms/sms.module';
import { MessageTemplateEntity } from './templates/infrastructure/message-template.entity';
import { TemplatesModule } from './templates/templates.module';
import { WebhookSubscriptionEntity } from './webhooks/infrastructure/webhook-subscription.entity';
import { WebhooksModule } from './webhooks/webhooks.module';

export interface AppOptions {
  /** Tests pass a clock to put the service in quiet hours at any time of day. */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot(config: NotificationConfig, logger: Logger, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SecurityModule.forRoot(NOTIFICATION_POLICY),
        PlatformModule.forRoot({
          service: NOTIFICATION.service,
          config,
          logger,
          entities: [RecipientEntity, MessageEntity, DeliveryEntity, MessageTemplateEntity, WebhookSubscriptionEntity],
          migrations: [
            InitialSchema1764288000000,
            SmsReceiptsAndReplay1764374400000,
            TemplatesAndWebhookSubscriptions1764460800000,
          ],
        }),
        ClockModule.forRoot(options.clock),
        RecipientsModule,
        TemplatesModule,
        WebhooksModule,
        DeliveriesModule,
        MilestonesModule,
        SmsModule,
      ],
    };
  }
}
