import { EmptyAsAbsent, PageQuery } from '@onewindow/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import {
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  type DeliveryChannel,
  type DeliveryStatus,
} from '../domain/delivery';

export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;


export class DeliveryIdParams {
  @ApiProperty({ description: 'Delivery id (ULID)', example: '01JDZ3Q4X6S8K7Y2V9T5R3M1N0' })
  @Matches(ULID_PATTERN, { message: 'id must be a ULID' })
  id!: string;
}

export class ListDeliveriesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the deliveries of this case (ULID)' })
  @EmptyAsAbsent()
  @IsOptional()
  @Matches(ULID_PATTERN, { message: 'caseId must be a ULID' })
  caseId?: string;

  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional({ enum: DELIVERY_CHANNELS })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(DELIVERY_CHANNELS)
  channel?: DeliveryChannel;

}

export class TemplateRefDto {
  @ApiProperty({ example: 'case.accepted' }) eventType!: string;
  @ApiProperty({ enum: DELIVERY_CHANNELS }) channel!: DeliveryChannel;
  @ApiProperty({ example: 'zh-CN' }) locale!: string;
  @ApiProperty({ example: 2 }) version!: number;
}

export class DeliveryDto {
  @ApiProperty({ description: 'ULID' })
  id!: string;

  @ApiProperty()
  caseId!: string;

  @ApiProperty({ description: 'The event the message announced' })
  triggerEventId!: string;

  @ApiProperty({ example: 'case.accepted' })
  triggerEventType!: string;

  @ApiProperty({ enum: DELIVERY_CHANNELS })
  channel!: DeliveryChannel;

  @ApiProperty({
    description: 'Masked: z***@example.org, 138****0000, or the webhook URL without credentials and query',
  })
  recipient!: string;

  @ApiProperty({ enum: DELIVERY_STATUSES })
  status!: DeliveryStatus;

  @ApiProperty({ description: 'Sending attempts so far' })
  attempts!: number;

  @ApiProperty({ example: '【受理通知】您的办件 420102-20261127-000001 已受理' })
  subject!: string;

  @ApiPropertyOptional({ type: () => TemplateRefDto, description: 'The template version the message was rendered with' })
  template?: TemplateRefDto;

  @ApiPropertyOptional({ description: 'The webhook subscription this call is for' })
  subscriptionId?: string;

  @ApiPropertyOptional({ description: 'Why the last attempt failed (contact data masked)' })
  lastError?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When a PENDING delivery is tried next' })
  nextAttemptAt?: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  deliveredAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  failedAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'SMS: when the gateway took the message' })
  sentAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'SMS: the time stated by the delivery receipt' })
  receiptAt?: string;

  @ApiProperty({ description: 'How often an operator replayed this delivery after it failed' })
  replays!: number;
}

/** Dead letters: failed deliveries, for an operator to inspect and replay. */
export class ListDeadLettersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the dead letters of this case (ULID)' })
  @EmptyAsAbsent()
  @IsOptional()
  @Matches(ULID_PATTERN, { message: 'caseId must be a ULID' })
  caseId?: string;

  @ApiPropertyOptional({ enum: DELIVERY_CHANNELS })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(DELIVERY_CHANNELS)
  channel?: DeliveryChannel;

}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryDto] })
  items!: DeliveryDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}
