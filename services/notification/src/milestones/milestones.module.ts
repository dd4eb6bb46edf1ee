import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { RecipientsModule } from '../recipients/recipients.module';
import { MilestoneConsumer } from './milestone.consumer';
import { NotifyMilestoneUseCase } from './notify-milestone.usecase';

@Module({
  imports: [RecipientsModule, DeliveriesModule],
  controllers: [MilestoneConsumer],
  providers: [NotifyMilestoneUseCase],
})
export class MilestonesModule {}
