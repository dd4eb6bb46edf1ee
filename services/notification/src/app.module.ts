import { NOTIFICATION_MIGRATIONS } from './persistence';
import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, SecurityModule } from '@onewindow/platform';
import { NOTIFICATION_POLICY } from './notification.policy';
import type { Logger } from 'pino';
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
          migrations: NOTIFICATION_MIGRATIONS,
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
