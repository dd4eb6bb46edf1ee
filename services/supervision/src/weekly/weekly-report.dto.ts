import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class WeekParams {
  @ApiProperty({ description: 'ISO 8601 week (weeks start on Monday), China time', example: '2026-W48' })
  @Matches(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, { message: 'the week is written YYYY-Www, e.g. 2026-W48' })
  week!: string;
}

export class DepartmentWeekDto {
  @ApiProperty({ example: 'WH-SCJGJ' }) departmentCode!: string;
  @ApiProperty({ example: '武汉市市场监督管理局' }) name!: string;
  @ApiProperty({ description: 'Cases registered this week' }) received!: number;
  @ApiProperty() receivedPreviousWeek!: number;
  @ApiProperty({ description: 'Cases decided this week' }) decided!: number;
  @ApiProperty() decidedWithinPromised!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Share of this week’s decisions within the promised limit' }) promisedShare!: number | null;
  @ApiProperty({ description: 'Tasks past their deadline and still open now' }) overdueNow!: number;
  @ApiProperty({ description: 'Of those, past the legal limit (督办)' }) escalatedNow!: number;
  @ApiProperty({ description: 'Evaluations (好差评) submitted this week' }) evaluations!: number;
  @ApiProperty({ description: 'Scores 1–2 (差评)' }) poorEvaluations!: number;
  @ApiProperty({ description: 'Rectifications not yet answered now' }) openRectifications!: number;
  @ApiProperty({ description: 'Of those, past their 15-working-day deadline' }) overdueRectifications!: number;
}

export class WeeklyTotalsDto {
  @ApiProperty() received!: number;
  @ApiProperty() receivedPreviousWeek!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Against the week before: 0.25 = +25 %; null when that week had none' }) receivedChange!: number | null;
  @ApiProperty() decided!: number;
  @ApiProperty() decidedWithinPromised!: number;
  @ApiProperty({ type: Number, nullable: true }) promisedShare!: number | null;
  @ApiProperty() overdueNow!: number;
  @ApiProperty() escalatedNow!: number;
  @ApiProperty() evaluations!: number;
  @ApiProperty() poorEvaluations!: number;
  @ApiProperty() openRectifications!: number;
  @ApiProperty() overdueRectifications!: number;
  @ApiProperty({ description: 'Registered online this week' }) online!: number;
  @ApiProperty({ type: Number, nullable: true }) onlineShare!: number | null;
  @ApiProperty({ description: 'Distinct legal persons with a case this week (一周法人活跃度)' }) activeLegalPersons!: number;
  @ApiProperty() activeLegalPersonsPreviousWeek!: number;
  @ApiProperty() activeNaturalPersons!: number;
}

export class WeeklyReportDto {
  @ApiProperty({ example: '2026-W48' }) week!: string;
  @ApiProperty({ example: '2026-11-23' }) from!: string;
  @ApiProperty({ example: '2026-11-29' }) to!: string;
  @ApiProperty({ example: '2026-W47' }) previousWeek!: string;
  @ApiProperty() totals!: WeeklyTotalsDto;
  @ApiProperty({ type: [DepartmentWeekDto], description: 'Departments needing attention first: overdue tasks, then poor evaluations, then volume' })
  departments!: DepartmentWeekDto[];
}
