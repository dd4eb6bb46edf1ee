import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@onewindow/platform';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MILESTONE_TYPES } from '../../templates/render-milestone';

export class CreateWebhookSubscriptionDto {
  @ApiProperty({ example: 'https://integrator.example.org/onewindow/events', description: 'http(s); not a private, link-local or loopback address' })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiProperty({ type: [String], enum: MILESTONE_TYPES, example: ['case.accepted', 'case.decided'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  eventTypes!: string[];

  @ApiPropertyOptional({ example: '区市场监管局业务系统' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;
}

export class WebhookSubscriptionIdParams {
  @ApiProperty({ description: 'Subscription id (ULID)' })
  @Matches(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'id must be a ULID' })
  id!: string;
}

export class ListWebhookSubscriptionsQuery extends PageQuery {}

export class WebhookSubscriptionDto {
  @ApiProperty() id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ type: [String] }) eventTypes!: string[];
  @ApiPropertyOptional() description?: string;
  @ApiProperty() createdAt!: Date;
}

export class CreatedWebhookSubscriptionDto extends WebhookSubscriptionDto {
  @ApiProperty({
    description:
      'HMAC-SHA256 key of the X-OneWindow-Signature header of every call to this subscription. Shown only in this answer: keep it.',
  })
  secret!: string;
}

export class WebhookSubscriptionPageDto {
  @ApiProperty({ type: [WebhookSubscriptionDto] }) items!: WebhookSubscriptionDto[];
  @ApiProperty({ type: String, nullable: true, description: "Pass as `cursor` for the next page" }) nextCursor!: string | null;
}
