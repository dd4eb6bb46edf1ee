import { Module } from '@nestjs/common';
import { WebhookSubscriptionRepository } from './infrastructure/webhook-subscription.repository';
import { WebhookSubscriptionsController } from './webhook-subscriptions.controller';
import { CreateWebhookSubscriptionUseCase, ManageWebhookSubscriptionsUseCase } from './webhook-subscriptions.usecases';

/** Integrators' webhook subscriptions per event type; their deliveries go through the webhook channel. */
@Module({
  controllers: [WebhookSubscriptionsController],
  providers: [WebhookSubscriptionRepository, CreateWebhookSubscriptionUseCase, ManageWebhookSubscriptionsUseCase],
  exports: [WebhookSubscriptionRepository],
})
export class WebhooksModule {}
