import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

export class UnroutableQuery {
  @ApiPropertyOptional({ description: 'Also list cases that were routed since (history)', default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeRouted?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class UnroutableCaseView {
  @ApiProperty() caseId!: string;
  @ApiProperty() caseNo!: string;
  @ApiProperty({ description: 'Matter code, or bundle code for a 一件事' }) matterCode!: string;
  @ApiProperty() matterVersion!: number;
  @ApiProperty({ example: '420102' }) regionCode!: string;
  @ApiProperty({ enum: ['NATURAL_PERSON', 'LEGAL_PERSON'] }) applicantKind!: string;
  @ApiProperty({ description: 'Why no rule routes the case' }) reason!: string;
  @ApiProperty({ type: [String], description: 'Matters lacking a rule for this case' }) unmatchedMatterCodes!: string[];
  @ApiProperty({ description: 'Routing attempts so far' }) attempts!: number;
  @ApiProperty({ format: 'date-time' }) detectedAt!: string;
  @ApiProperty({ format: 'date-time' }) lastAttemptAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Set once the case left the queue' }) routedAt?: string;
  @ApiPropertyOptional({ description: 'The plan made when the case was finally routed' }) planId?: string;
}

export class UnroutablePage {
  @ApiProperty({ type: [UnroutableCaseView] }) items!: UnroutableCaseView[];
}

export class RetryResultView {
  @ApiProperty() caseId!: string;
  @ApiProperty() planId!: string;
}
