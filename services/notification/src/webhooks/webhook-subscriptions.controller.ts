import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '@onewindow/platform';
import type { FastifyReply } from 'fastify';
import {
  CreatedWebhookSubscriptionDto,
  CreateWebhookSubscriptionDto,
  ListWebhookSubscriptionsQuery,
  WebhookSubscriptionDto,
  WebhookSubscriptionIdParams,
  WebhookSubscriptionPageDto,
} from './dto/webhook-subscription.dto';
import { CreateWebhookSubscriptionUseCase, ManageWebhookSubscriptionsUseCase } from './webhook-subscriptions.usecases';

@ApiTags('webhooks')
@Controller('api/v1/webhook-subscriptions')
export class WebhookSubscriptionsController {
  constructor(
    private readonly createSubscription: CreateWebhookSubscriptionUseCase,
    private readonly manage: ManageWebhookSubscriptionsUseCase,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Subscribe a URL to event types; the answer carries the signing secret, once',
    description:
      'Each milestone event of a subscribed type is POSTed as `{ event, message }`, signed with HMAC-SHA256 over `timestamp.body` ' +
      '(headers X-OneWindow-Timestamp, X-OneWindow-Signature), retried with back-off, dead-lettered when it keeps failing.',
  })
  @ApiCreatedResponse({ type: CreatedWebhookSubscriptionDto })
  @ApiProblem(400, 'Malformed request', ['validation-error', 'malformed-json'])
  @ApiProblem(409, 'The URL already has a subscription', ['webhook-subscription-exists'])
  @ApiProblem(422, 'Unknown or unsubscribable event types, or a URL that may not be called', [
    'unknown-event-types',
    'event-types-not-notified',
    'webhook-target-refused',
  ])
  async create(
    @Body() body: CreateWebhookSubscriptionDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedWebhookSubscriptionDto> {
    const s = await this.createSubscription.execute(body);
    void reply.header('location', `/api/v1/webhook-subscriptions/${s.id}`);
    return s;
  }

  @Get()
  @ApiOperation({ summary: 'Active subscriptions, newest first (secrets are never shown again)' })
  @ApiOkResponse({ type: WebhookSubscriptionPageDto })
  @ApiProblem(400, 'Invalid limit or cursor', ['validation-error', 'invalid-cursor'])
  list(@Query() q: ListWebhookSubscriptionsQuery): Promise<WebhookSubscriptionPageDto> {
    return this.manage.list(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One active subscription' })
  @ApiOkResponse({ type: WebhookSubscriptionDto })
  @ApiProblem(400, 'The id is not a ULID', ['validation-error'])
  @ApiProblem(404, 'No such active subscription', ['webhook-subscription-not-found'])
  get(@Param() p: WebhookSubscriptionIdParams): Promise<WebhookSubscriptionDto> {
    return this.manage.get(p.id);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Unsubscribe: no further calls; deliveries not yet made are cancelled' })
  @ApiNoContentResponse()
  @ApiProblem(400, 'The id is not a ULID', ['validation-error'])
  @ApiProblem(404, 'No such active subscription', ['webhook-subscription-not-found'])
  async remove(@Param() p: WebhookSubscriptionIdParams): Promise<void> {
    await this.manage.delete(p.id);
  }
}
