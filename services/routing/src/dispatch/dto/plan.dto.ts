import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { PlanStatus } from '../domain/dispatch-plan';
import type { TaskState } from '../domain/plan-verdict';

/** The ULID pattern of `Ulid` in @onewindow/contracts. */
export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export class CaseIdParams {
  @ApiProperty({
    description: 'The case id (ULID)',
    example: '01JDZ3Q4X6S8K7Y2V9T5R3M1N0',
    pattern: ULID_PATTERN.source,
  })
  @Matches(ULID_PATTERN, { message: 'caseId must be a ULID (26 characters, Crockford base32, upper case)' })
  caseId!: string;
}

export class PlanStageDto {
  @ApiProperty({
    example: 1,
    description: 'Stages run in order; the tasks of one stage run in parallel (并联)',
  })
  stage!: number;

  @ApiProperty({
    enum: ['ALL', 'ANY'],
    description: 'ALL: every department must approve; ANY: one approval is enough',
  })
  completionRule!: 'ALL' | 'ANY';

  @ApiProperty({ enum: ['WAITING', 'OPEN', 'APPROVED', 'DENIED'] })
  status!: 'WAITING' | 'OPEN' | 'APPROVED' | 'DENIED';
}

export class PlanTaskDto {
  @ApiProperty({ example: '01JDZ3Q4X6S8K7Y2V9T5R3M1N1' })
  taskId!: string;

  @ApiProperty({ example: 'HB-SCJGJ' })
  departmentCode!: string;

  @ApiProperty({ example: 1 })
  stage!: number;

  @ApiProperty({
    enum: ['WAITING', 'OPEN', 'SUPPLEMENT_REQUESTED', 'SUSPENDED', 'TRANSFERRED', 'CANCELLED', 'APPROVED', 'DENIED'],
    description:
      "WAITING until its stage opens; OPEN (or on hold) until the department's outcome arrives; TRANSFERRED when " +
      'another department took it over (转办); CANCELLED when the case was decided or withdrawn without it',
  })
  status!: TaskState;

  @ApiPropertyOptional({ description: 'Why the task is on hold (supplement asked for, special procedure)' })
  holdReason?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  holdSince?: string;

  @ApiPropertyOptional({ description: 'The task that replaced this one (转办)' })
  transferredTo?: string;

  @ApiPropertyOptional({ description: 'The task this one replaced (转办)' })
  replaces?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  decidedAt?: string;

  @ApiPropertyOptional({ example: 'officer-0042' })
  officerId?: string;

  @ApiPropertyOptional({ example: '经营场所不符合消防安全条件' })
  reason?: string;

  @ApiPropertyOptional()
  opinion?: string;

  @ApiPropertyOptional({ description: '容缺: approved while some documents are still to come' })
  documentsPending?: boolean;
}

export class PlanDto {
  @ApiProperty({ example: '01JDZ3Q4X6S8K7Y2V9T5R3M1N2' })
  planId!: string;

  @ApiProperty({ example: '01JDZ3Q4X6S8K7Y2V9T5R3M1N0' })
  caseId!: string;

  @ApiProperty({ example: '420102-20261127-000001' })
  caseNo!: string;

  @ApiProperty({ example: '11420000MB0000001X-001' })
  matterCode!: string;

  @ApiProperty({ example: 1, description: 'The catalogue version the plan was made from' })
  matterVersion!: number;

  @ApiProperty({ example: '食品经营许可' })
  matterName!: string;

  @ApiProperty({ example: 'HB-SCJGJ' })
  leadDepartmentCode!: string;

  @ApiProperty({
    enum: ['IN_PROGRESS', 'PAUSED', 'SUSPENDED', 'DECIDED', 'WITHDRAWN'],
    description: 'PAUSED: a department waits for a supplement from the applicant; SUSPENDED: a special procedure runs',
  })
  status!: PlanStatus;

  @ApiProperty({ enum: ['MATTER', 'BUNDLE'], description: 'BUNDLE: a 一件事, matterCode is the bundle code' })
  kind!: 'MATTER' | 'BUNDLE';

  @ApiProperty({ description: 'Routing rule set version per matter code the plan was made from', example: { 'WH-SCJGJ-001': 1 } })
  ruleVersions!: Record<string, number>;

  @ApiPropertyOptional({ enum: ['APPROVED', 'DENIED'], description: 'Set once the plan is decided' })
  outcome?: 'APPROVED' | 'DENIED';

  @ApiPropertyOptional({ format: 'date-time' })
  decidedAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  withdrawnAt?: string;

  @ApiProperty({ format: 'date-time' })
  routedAt!: string;

  @ApiProperty({ type: [PlanStageDto] })
  stages!: PlanStageDto[];

  @ApiProperty({ type: [PlanTaskDto], description: 'In plan order: by stage, the lead department first' })
  tasks!: PlanTaskDto[];
}
