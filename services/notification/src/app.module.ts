import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@onewindow/platform';
import type { Logger } from 'pino';
import { InitialSchema1764288000000 } from '../migrations/1764288000000-initial-schema';
import type { NotificationConfig } from './config/notification.config';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { DeliveryEntity } from './deliveries/infrastructure/delivery.entity';
import { MessageEntity } from './deliveries/infrastructure/message.entity';
import { MilestonesModule } from './milestones/milestones.module';
import { RecipientEntity } from './recipients/infrastructure/recipient.entity';
import { RecipientsModule } from './recipients/recipients.module';
import { NOTIFICATION } from './service';

@Module({})
export class AppModule {
  static forRoot(config: NotificationConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          service: NOTIFICATION.service,
          config,
          logger,
          entities: [RecipientEntity, MessageEntity, DeliveryEntity],
          migrations: [InitialSchema1764288000000],
        }),
        RecipientsModule,
        DeliveriesModule,
        MilestonesModule,
      ],
    };
  }
}
