import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export class MatterCodeParams {
  @ApiProperty({ example: 'WH-SCJGJ-001', description: 'Matter code, or bundle code for a 一件事' })
  @IsString()
  @Length(1, 64)
  matterCode!: string;
}

export class RuleStageDto {
  @ApiProperty({ example: 1, description: 'Stages run 1, 2, … in order; the departments of one stage in parallel (并联)' })
  @IsInt()
  @Min(1)
  @Max(20)
  stage!: number;

  @ApiProperty({ enum: ['ALL', 'ANY'], description: 'ALL: every department approves; ANY: one approval is enough' })
  @IsIn(['ALL', 'ANY'])
  completionRule!: 'ALL' | 'ANY';

  @ApiProperty({ type: [String], example: ['WH-SCJGJ', 'WH-XFJY'], description: 'Department queues' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  departmentCodes!: string[];
}

export class RoutingRuleDto {
  @ApiProperty({ example: '420100', description: 'Province (xx0000), city (xxxx00) or county code: the most specific covering rule wins' })
  @Matches(/^[0-9]{6}$/, { message: 'regionCode must be a 6-digit 行政区划代码' })
  regionCode!: string;

  @ApiPropertyOptional({ enum: ['NATURAL_PERSON', 'LEGAL_PERSON'], description: 'Absent: any applicant' })
  @IsOptional()
  @IsIn(['NATURAL_PERSON', 'LEGAL_PERSON'])
  applicantKind?: 'NATURAL_PERSON' | 'LEGAL_PERSON';

  @ApiPropertyOptional({ example: 1, description: 'First matter version the rule covers (inclusive)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  matterVersionFrom?: number;

  @ApiPropertyOptional({ example: 3, description: 'Last matter version the rule covers (inclusive); absent: open' })
  @IsOptional()
  @IsInt()
  @Min(1)
  matterVersionTo?: number;

  @ApiProperty({ type: [RuleStageDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RuleStageDto)
  stages!: RuleStageDto[];
}

export class PublishRuleSetDto {
  @ApiProperty({ type: [RoutingRuleDto], description: 'The whole rule set of the matter; it replaces the previous version' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => RoutingRuleDto)
  rules!: RoutingRuleDto[];
}

export class RuleSetView {
  @ApiProperty({ example: 'WH-SCJGJ-001' }) matterCode!: string;
  @ApiProperty({ example: 2, description: 'Rule set version' }) version!: number;
  @ApiProperty({ description: 'False when the same rules were already the latest version' }) changed!: boolean;
  @ApiProperty({ type: [RoutingRuleDto] }) rules!: RoutingRuleDto[];
  @ApiPropertyOptional({ description: 'Whether this version is the one routing applies now (applied from routing.rule-published)' })
  inForce?: boolean;
}
