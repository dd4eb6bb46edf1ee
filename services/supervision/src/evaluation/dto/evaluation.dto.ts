import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EmptyAsAbsent, PageQuery } from '@onewindow/platform';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { RECTIFICATION_STATUSES, type RectificationStatus } from '../domain/evaluation';

export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export class CaseIdParams {
  @ApiProperty({ description: 'Case id (ULID)', example: '01JDZ3Q4X6S8K7Y2V9T5R3M1N0' })
  @Matches(ULID_PATTERN, { message: 'caseId must be a ULID' })
  caseId!: string;
}

export class RectificationIdParams {
  @ApiProperty({ description: 'Rectification id (ULID)' })
  @Matches(ULID_PATTERN, { message: 'id must be a ULID' })
  id!: string;
}

export class SubmitEvaluationBody {
  @ApiProperty({ minimum: 1, maximum: 5, description: '5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意' })
  @IsInt()
  @Min(1)
  @Max(5)
  score!: number;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Required when the score is below 3 (差评): it goes to the department as a rectification' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  @ApiProperty({ description: 'The `t` of the evaluation link the applicant received with the handover message' })
  @IsString()
  @MinLength(10)
  @MaxLength(100)
  token!: string;
}

export class OpenedRectificationDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '2026-12-18', description: '15 working days after the rating' }) deadline!: string;
}

export class EvaluationDto {
  @ApiProperty() caseId!: string;
  @ApiProperty() caseNo!: string;
  @ApiProperty() score!: number;
  @ApiProperty({ example: '非常满意' }) label!: string;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty() submittedAt!: string;
  @ApiPropertyOptional({ type: OpenedRectificationDto, description: 'Opened when the score is below 3' })
  rectification?: OpenedRectificationDto;
}

export class ListRectificationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RECTIFICATION_STATUSES })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(RECTIFICATION_STATUSES)
  status?: RectificationStatus;

  @ApiPropertyOptional({ example: 'WH-SCJGJ' })
  @EmptyAsAbsent()
  @IsOptional()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9-]+$/, { message: 'departmentCode must be letters, digits and dashes' })
  departmentCode?: string;
}

export class RespondBody {
  @ApiProperty({ description: 'What the department did about it (整改情况)' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  response!: string;
}

export class FollowUpBody {
  @ApiProperty({ description: 'What the applicant said when asked (回访)' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  note!: string;

  @ApiProperty()
  @Type(() => Boolean)
  @IsBoolean()
  applicantSatisfied!: boolean;
}

export class CloseBody {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class RectificationDto {
  @ApiProperty() id!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty() caseNo!: string;
  @ApiProperty() departmentCode!: string;
  @ApiProperty() regionCode!: string;
  @ApiProperty() score!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: RECTIFICATION_STATUSES }) status!: RectificationStatus;
  @ApiProperty({ example: '2026-12-18' }) deadline!: string;
  @ApiProperty({ description: 'Open past its deadline' }) overdue!: boolean;
  @ApiProperty() openedAt!: string;
  @ApiPropertyOptional() response?: string;
  @ApiPropertyOptional({ description: 'The officer who answered: the caller\'s token subject' }) respondedBy?: string;
  @ApiPropertyOptional() respondedAt?: string;
  @ApiPropertyOptional() followUpNote?: string;
  @ApiPropertyOptional({ description: 'The operator who followed up: the caller\'s token subject' }) followedUpBy?: string;
  @ApiPropertyOptional() applicantSatisfied?: boolean;
  @ApiPropertyOptional() followedUpAt?: string;
  @ApiPropertyOptional() closingNote?: string;
  @ApiPropertyOptional({ description: 'The operator who closed it: the caller\'s token subject' }) closedBy?: string;
  @ApiPropertyOptional() closedAt?: string;
}

export class RectificationPageDto {
  @ApiProperty({ type: [RectificationDto] }) items!: RectificationDto[];
  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next page; absent on the last one' }) nextCursor?: string;
}
