import { ApiProblem } from '@onewindow/platform';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeliveryDto, DeliveryIdParams, DeliveryPageDto, ListDeliveriesQuery } from './dto/delivery.dto';
import { GetDeliveryUseCase } from './get-delivery.usecase';
import { ListDeliveriesUseCase } from './list-deliveries.usecase';

@ApiTags('deliveries')
@Controller('api/v1/deliveries')
export class DeliveriesController {
  constructor(
    private readonly listDeliveries: ListDeliveriesUseCase,
    private readonly getDelivery: GetDeliveryUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The delivery log, newest first; recipients are masked' })
  @ApiOkResponse({ type: DeliveryPageDto })
  @ApiProblem(400, 'Invalid filter, limit or cursor', ['validation-error', 'invalid-cursor'])
  list(@Query() query: ListDeliveriesQuery): Promise<DeliveryPageDto> {
    return this.listDeliveries.execute(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One delivery: channel, masked recipient, attempts, outcome' })
  @ApiOkResponse({ type: DeliveryDto })
  @ApiProblem(400, 'The id is not a ULID', ['validation-error'])
  @ApiProblem(404, 'No such delivery', ['delivery-not-found'])
  get(@Param() params: DeliveryIdParams): Promise<DeliveryDto> {
    return this.getDelivery.execute(params.id);
  }
}
