import { ApiProblem } from '@onewindow/platform';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  DeliveryDto,
  DeliveryIdParams,
  DeliveryPageDto,
  ListDeadLettersQuery,
  ListDeliveriesQuery,
} from './dto/delivery.dto';
import { GetDeliveryUseCase } from './get-delivery.usecase';
import { ListDeliveriesUseCase } from './list-deliveries.usecase';
import { ReplayDeliveryUseCase } from './replay-delivery.usecase';

@ApiTags('deliveries')
@Controller('api/v1')
export class DeliveriesController {
  constructor(
    private readonly listDeliveries: ListDeliveriesUseCase,
    private readonly getDelivery: GetDeliveryUseCase,
    private readonly replayDelivery: ReplayDeliveryUseCase,
  ) {}

  @Get('deliveries')
  @ApiOperation({ summary: 'The delivery log, newest first; recipients are masked' })
  @ApiOkResponse({ type: DeliveryPageDto })
  @ApiProblem(400, 'Invalid filter, limit or cursor', ['validation-error', 'invalid-cursor'])
  list(@Query() query: ListDeliveriesQuery): Promise<DeliveryPageDto> {
    return this.listDeliveries.execute(query);
  }

  @Get('deliveries/:id')
  @ApiOperation({ summary: 'One delivery: channel, masked recipient, attempts, outcome' })
  @ApiOkResponse({ type: DeliveryDto })
  @ApiProblem(400, 'The id is not a ULID', ['validation-error'])
  @ApiProblem(404, 'No such delivery', ['delivery-not-found'])
  get(@Param() params: DeliveryIdParams): Promise<DeliveryDto> {
    return this.getDelivery.execute(params.id);
  }

  @Post('deliveries/:id/replay')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a dead letter again',
    description:
      'A FAILED delivery becomes PENDING with its attempts reset and is sent again. Repeating the request ' +
      'while it is pending returns it unchanged (it is sent once); a delivery that has not failed is refused.',
  })
  @ApiOkResponse({ type: DeliveryDto })
  @ApiProblem(400, 'The id is not a ULID', ['validation-error'])
  @ApiProblem(404, 'No such delivery', ['delivery-not-found'])
  @ApiProblem(409, 'The delivery has not failed', ['delivery-not-failed'])
  replay(@Param() params: DeliveryIdParams): Promise<DeliveryDto> {
    return this.replayDelivery.execute(params.id);
  }

  @Get('dead-letters')
  @ApiOperation({
    summary: 'Dead letters: deliveries refused for good or out of retries, newest first',
    description: 'Replay one with POST /api/v1/deliveries/{id}/replay.',
  })
  @ApiOkResponse({ type: DeliveryPageDto })
  @ApiProblem(400, 'Invalid filter, limit or cursor', ['validation-error', 'invalid-cursor'])
  deadLetters(@Query() query: ListDeadLettersQuery): Promise<DeliveryPageDto> {
    return this.listDeliveries.deadLetters(query);
  }
}
