import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EmptyAsAbsent } from '@onewindow/platform';
import { IsOptional, Matches, MaxLength } from 'class-validator';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Period (inclusive China-time dates), region (province, city or county code) and department. */
export class MeasureQuery {
  @ApiPropertyOptional({ description: 'First day, inclusive (YYYY-MM-DD, China time)', example: '2026-11-01' })
  @EmptyAsAbsent()
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last day, inclusive (YYYY-MM-DD, China time)', example: '2026-11-30' })
  @EmptyAsAbsent()
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ description: '行政区划代码: 420000 = the province, 420100 = a city with its counties, 420102 = one county', example: '420100' })
  @EmptyAsAbsent()
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'regionCode must be 6 digits' })
  regionCode?: string;

  @ApiPropertyOptional({ description: 'Department code (the lead department of the case)', example: 'WH-SCJGJ' })
  @EmptyAsAbsent()
  @IsOptional()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9-]+$/, { message: 'departmentCode must be letters, digits and dashes' })
  departmentCode?: string;
}

export class CountDto {
  @ApiProperty({ description: 'Day, ISO week (2026-W48), month, department, matter, region or channel code' }) key!: string;
  @ApiPropertyOptional({ description: 'Display name, where the key has one' }) name?: string;
  @ApiProperty() cases!: number;
}

export class VolumeDto {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [CountDto] }) byDay!: CountDto[];
  @ApiProperty({ type: [CountDto] }) byWeek!: CountDto[];
  @ApiProperty({ type: [CountDto] }) byMonth!: CountDto[];
  @ApiProperty({ type: [CountDto] }) byDepartment!: CountDto[];
  @ApiProperty({ type: [CountDto] }) byMatter!: CountDto[];
  @ApiProperty({ type: [CountDto], description: 'Cities (counties rolled up)' }) byCity!: CountDto[];
  @ApiProperty({ type: [CountDto], description: 'The region codes cases were filed in' }) byRegion!: CountDto[];
  @ApiProperty({ type: [CountDto], description: 'WINDOW, ONLINE, HOTLINE, ASSISTED' }) byChannel!: CountDto[];
}

export class WeeklyActiveDto {
  @ApiProperty({ example: '2026-W48' }) week!: string;
  @ApiProperty() naturalPersons!: number;
  @ApiProperty() legalPersons!: number;
}

export class ActiveApplicantsDto {
  @ApiProperty({ type: [WeeklyActiveDto] }) byWeek!: WeeklyActiveDto[];
}

export class SpeedFiguresDto {
  @ApiProperty({ description: 'Cases decided (accepted and decided known)' }) decided!: number;
  @ApiProperty() withinPromised!: number;
  @ApiProperty() withinLegal!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Fraction 0–1' }) promisedShare!: number | null;
  @ApiProperty({ type: Number, nullable: true }) legalShare!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Acceptance → decision, working days' }) averageDecisionWorkingDays!: number | null;
  @ApiProperty() handedOver!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Acceptance → handover, working days' }) averageHandoverWorkingDays!: number | null;
}

export class KeyedSpeedDto extends SpeedFiguresDto {
  @ApiProperty() key!: string;
  @ApiPropertyOptional() name?: string;
}

export class SpeedDto extends SpeedFiguresDto {
  @ApiProperty({ type: [KeyedSpeedDto] }) byDepartment!: KeyedSpeedDto[];
  @ApiProperty({ type: [KeyedSpeedDto] }) byMatter!: KeyedSpeedDto[];
}

export class OverdueTaskDto {
  @ApiProperty() taskId!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty({ type: String, nullable: true }) caseNo!: string | null;
  @ApiProperty() departmentCode!: string;
  @ApiProperty() departmentName!: string;
  @ApiProperty({ enum: ['RED', 'ESCALATION'], description: 'RED: promised limit passed; ESCALATION (督办): legal limit passed' }) level!: string;
  @ApiProperty({ example: '2026-11-20' }) deadline!: string;
  @ApiProperty() overdueAt!: string;
}

export class OverdueDto {
  @ApiProperty() total!: number;
  @ApiProperty() red!: number;
  @ApiProperty() escalated!: number;
  @ApiProperty({ type: [CountDto] }) byDepartment!: CountDto[];
  @ApiProperty({ type: [OverdueTaskDto] }) tasks!: OverdueTaskDto[];
}

export class RatioDto {
  @ApiProperty() numerator!: number;
  @ApiProperty() denominator!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Fraction 0–1; null when nothing was counted' }) share!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The reform target, when the article sets one' }) target!: number | null;
}

export class TargetsDto {
  @ApiProperty({ description: 'Active matters needing at most one visit (最多跑一次)' }) oneVisitMatters!: RatioDto;
  @ApiProperty({ description: 'Delivered cases that took their applicant at most one trip' }) oneVisitCases!: RatioDto;
  @ApiProperty({ description: 'Materials reused from issued documents, of all provided (材料减少 40 % / 70 %)' }) materialsReused!: RatioDto;
  @ApiProperty({ description: 'Matters with cases accepted at the comprehensive window, of matters with cases (一窗受理 80 %)' })
  comprehensiveWindowMatters!: RatioDto;
  @ApiProperty({ description: 'Cases filed online (一网通办)' }) online!: RatioDto;
}

export class ScoreCountDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) score!: number;
  @ApiProperty({ example: '非常满意' }) label!: string;
  @ApiProperty() count!: number;
}

export class RectificationCountsDto {
  @ApiProperty() open!: number;
  @ApiProperty() responded!: number;
  @ApiProperty() followedUp!: number;
  @ApiProperty() closed!: number;
  @ApiProperty({ description: 'Open past their deadline' }) overdue!: number;
}

export class EvaluationsDto {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [ScoreCountDto] }) byScore!: ScoreCountDto[];
  @ApiProperty({ type: Number, nullable: true }) averageScore!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '好评率: 4 and 5 of all' }) goodShare!: number | null;
  @ApiProperty({ description: '差评: 1 and 2' }) poor!: number;
  @ApiProperty() rectifications!: RectificationCountsDto;
}
