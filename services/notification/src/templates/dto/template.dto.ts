import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EmptyAsAbsent } from '@onewindow/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { DELIVERY_CHANNELS, type DeliveryChannel } from '../../deliveries/domain/delivery';
import { TEMPLATE_LOCALES, type TemplateLocale } from '../domain/locale';
import { MILESTONE_TYPES, type MilestoneType } from '../render-milestone';

export class TemplateKeyParams {
  @ApiProperty({ enum: MILESTONE_TYPES }) @IsIn(MILESTONE_TYPES) eventType!: MilestoneType;
  @ApiProperty({ enum: DELIVERY_CHANNELS }) @IsIn(DELIVERY_CHANNELS) channel!: DeliveryChannel;
  @ApiProperty({ enum: TEMPLATE_LOCALES }) @IsIn(TEMPLATE_LOCALES) locale!: TemplateLocale;
}

export class TemplateVersionParams extends TemplateKeyParams {
  @ApiProperty({ minimum: 1 }) @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) version!: number;
}

export class EventTypeParams {
  @ApiProperty({ enum: MILESTONE_TYPES }) @IsIn(MILESTONE_TYPES) eventType!: MilestoneType;
}

export class PublishTemplateDto extends TemplateKeyParams {
  @ApiProperty({
    description: 'Handlebars text, e.g. `【受理通知】您的办件 {{caseNo}} 已受理`; variables are checked on publishing',
    maxLength: 500,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  subject!: string;

  @ApiProperty({
    description:
      'Handlebars text (plain text, no HTML escaping). Allowed: variables of the event type (see GET /api/v1/templates/variables/{eventType}), ' +
      '{{#if}}, {{#unless}}, {{#each}}, {{#with}}, `../` and `@root`, `@index` in loops.',
    maxLength: 20_000,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  body!: string;
}

export class ListTemplatesQuery {
  @ApiPropertyOptional({ enum: MILESTONE_TYPES }) @EmptyAsAbsent() @IsOptional() @IsIn(MILESTONE_TYPES) eventType?: MilestoneType;
  @ApiPropertyOptional({ enum: DELIVERY_CHANNELS }) @EmptyAsAbsent() @IsOptional() @IsIn(DELIVERY_CHANNELS) channel?: DeliveryChannel;
  @ApiPropertyOptional({ enum: TEMPLATE_LOCALES }) @EmptyAsAbsent() @IsOptional() @IsIn(TEMPLATE_LOCALES) locale?: TemplateLocale;
}

export class TemplateVersionDto {
  @ApiProperty({ enum: MILESTONE_TYPES }) eventType!: string;
  @ApiProperty({ enum: DELIVERY_CHANNELS }) channel!: string;
  @ApiProperty({ enum: TEMPLATE_LOCALES }) locale!: string;
  @ApiProperty({ description: '1 is the built-in text' }) version!: number;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty() publishedAt!: Date;
}

export class TemplateVariablesDto {
  @ApiProperty({ enum: MILESTONE_TYPES }) eventType!: string;
  @ApiProperty({
    type: [String],
    description: 'Dotted paths; `missing[].name` is `{{name}}` inside `{{#each missing}}`',
  })
  variables!: string[];
  @ApiProperty({ type: [String], description: 'Of those, the ones the service computes (formatted for the locale)' })
  computed!: string[];
}
