import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { RecipientsModule } from '../recipients/recipients.module';
import { TemplatesModule } from '../templates/templates.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { MilestoneConsumer } from './milestone.consumer';
import { MilestoneFactsRepository } from './infrastructure/milestone-facts.repository';
import { NotifyMilestoneUseCase } from './notify-milestone.usecase';

@Module({
  imports: [RecipientsModule, DeliveriesModule, TemplatesModule, WebhooksModule],
  controllers: [MilestoneConsumer],
  providers: [NotifyMilestoneUseCase, MilestoneFactsRepository],
})
export class MilestonesModule {}
