import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CaseStatuses } from './domain/case-status';

export class ContactDto {
  @ApiPropertyOptional({ example: '13800138000' })
  @IsOptional()
  @Matches(/^\+?[0-9-]{5,20}$/, { message: 'phone must be digits, optionally with + and -' })
  phone?: string;

  @ApiPropertyOptional({ example: 'zhang.san@example.org' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

export class ApplicantDto {
  @ApiProperty({ enum: ['NATURAL_PERSON', 'LEGAL_PERSON'] })
  @IsIn(['NATURAL_PERSON', 'LEGAL_PERSON'])
  kind!: 'NATURAL_PERSON' | 'LEGAL_PERSON';

  @ApiProperty({ example: '张三' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ description: 'Citizen ID (GB 11643) for a natural person, USCC (GB 32100) for a legal person', example: '11010519491231002X' })
  @IsString()
  @Length(18, 18)
  idNumber!: string;

  @ApiProperty({ type: ContactDto })
  @ValidateNested()
  @Type(() => ContactDto)
  contact!: ContactDto;
}

export class AgentDto {
  @ApiProperty({ example: '李四' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ description: "The agent's citizen ID", example: '11010519491231002X' })
  @IsString()
  @Length(18, 18)
  idNumber!: string;

  @ApiProperty({ description: 'Reference of the signed authorisation (授权委托书)', example: 'WT-2026-0001' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  authorisationRef!: string;
}

export class ProvidedMaterialDto {
  @ApiProperty({ description: "Material code from the matter's list", example: 'M-APP' })
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,64}$/)
  code!: string;
}

export class CreateCaseDto {
  @ApiProperty({ example: 'WH-SCJGJ-001' })
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,64}$/)
  matterCode!: string;

  @ApiProperty({ description: '行政区划代码 of the service centre handling the case', example: '420102' })
  @Matches(/^\d{6}$/)
  regionCode!: string;

  @ApiProperty({ enum: ['WINDOW', 'ONLINE', 'HOTLINE', 'ASSISTED'] })
  @IsIn(['WINDOW', 'ONLINE', 'HOTLINE', 'ASSISTED'])
  channel!: 'WINDOW' | 'ONLINE' | 'HOTLINE' | 'ASSISTED';

  @ApiProperty({ type: ApplicantDto })
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant!: ApplicantDto;

  @ApiPropertyOptional({ type: AgentDto, description: '帮办代办: a proxy filing for the applicant' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AgentDto)
  agent?: AgentDto;

  @ApiProperty({ type: [ProvidedMaterialDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ProvidedMaterialDto)
  materials!: ProvidedMaterialDto[];

  @ApiPropertyOptional({ description: 'The clerk at the window', example: 'clerk-0042' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  clerkId?: string;
}

export class CaseIdParam {
  @ApiProperty({ example: '01JDZ3Q4X6S8K7Y2V9T5R3M1N0' })
  @Matches(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: 'id must be a ULID' })
  id!: string;
}

export class SearchCasesQuery {
  @ApiPropertyOptional({ example: '420102-20261127-000001' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  caseNo?: string;

  @ApiPropertyOptional({ enum: CaseStatuses })
  @IsOptional()
  @IsIn(CaseStatuses as unknown as string[])
  status?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,64}$/)
  matterCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\d{6}$/)
  regionCode?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @Matches(/^[0-9A-HJKMNP-TV-Z]{26}$/)
  cursor?: string;
}

export class MaterialStatusView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() provided!: boolean;
}

export class TimelineEntryView {
  @ApiProperty({ example: 'case.accepted' }) type!: string;
  @ApiProperty({ example: '/onewindow/intake' }) source!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
}

export class CaseView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '420102-20261127-000001' }) caseNo!: string;
  @ApiProperty({ enum: CaseStatuses }) status!: string;
  @ApiProperty() matter!: { code: string; version: number; name: string; departmentCode: string };
  @ApiProperty() regionCode!: string;
  @ApiProperty() channel!: string;
  @ApiProperty({ description: 'Name and masked id number' }) applicant!: { kind: string; name: string; idNumber: string };
  @ApiProperty({ type: [MaterialStatusView] }) materials!: MaterialStatusView[];
  @ApiProperty() receivedAt!: string;
  @ApiPropertyOptional() acceptedAt?: string;
  @ApiProperty({ description: '承诺办结日期: promised completion date (working days, Chinese calendar)' }) promisedDate!: string;
  @ApiProperty() legalLimitDays!: number;
  @ApiProperty() promisedLimitDays!: number;
  @ApiProperty({ type: [TimelineEntryView] }) timeline!: TimelineEntryView[];
}

export class CasePage {
  @ApiProperty({ type: [CaseView] }) items!: Omit<CaseView, 'timeline'>[];
  @ApiPropertyOptional() nextCursor?: string;
}
