import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsEmail,
  IsIn,
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
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

  @ApiPropertyOptional({ enum: ['zh-CN', 'en'], description: 'Language of the messages the applicant receives; zh-CN when absent' })
  @IsOptional()
  @IsIn(['zh-CN', 'en'])
  locale?: 'zh-CN' | 'en';
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
  // ValidateNested alone lets a missing object through.
  @IsDefined()
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
  @ApiPropertyOptional({ description: 'The matter applied for; give this or bundleCode', example: 'WH-SCJGJ-001' })
  @ValidateIf((o: CreateCaseDto) => o.bundleCode === undefined)
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,64}$/)
  matterCode?: string;

  @ApiPropertyOptional({
    description: '一件事: the bundle applied for, in place of matterCode. One case, one form: materials are the union of its matters\' lists',
    example: 'YJS-WH-CANYIN',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,64}$/)
  bundleCode?: string;

  @ApiProperty({ description: '行政区划代码 of the service centre handling the case', example: '420102' })
  @Matches(/^\d{6}$/)
  regionCode!: string;

  @ApiProperty({ enum: ['WINDOW', 'ONLINE', 'HOTLINE', 'ASSISTED'] })
  @IsIn(['WINDOW', 'ONLINE', 'HOTLINE', 'ASSISTED'])
  channel!: 'WINDOW' | 'ONLINE' | 'HOTLINE' | 'ASSISTED';

  @ApiProperty({ type: ApplicantDto })
  // ValidateNested alone lets a missing object through.
  @IsDefined()
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

  @ApiPropertyOptional({ description: "The applicant's exact id number (citizen ID or USCC); compared by hash, never logged", example: '11010519491231002X' })
  @IsOptional()
  @Matches(/^[0-9A-Za-z]{18}$/, { message: 'applicantIdNumber must be 18 letters or digits' })
  applicantIdNumber?: string;

  @ApiPropertyOptional({ description: 'Received on or after this day (China time)', example: '2026-11-01' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'receivedFrom must be YYYY-MM-DD' })
  receivedFrom?: string;

  @ApiPropertyOptional({ description: 'Received on or before this day (China time)', example: '2026-11-30' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'receivedTo must be YYYY-MM-DD' })
  receivedTo?: string;

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
  @ApiPropertyOptional() required?: boolean;
  @ApiPropertyOptional({ description: '共享材料: the issued document that stood in for this material' }) reusedFromDocumentNo?: string;
}

export class NoticeMaterialView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ enum: ['ORIGINAL', 'COPY', 'ELECTRONIC'] }) form?: string;
  @ApiProperty({ example: '未提交（需原件）' }) problem!: string;
}

export class SupplementNoticeView {
  @ApiProperty() caseId!: string;
  @ApiProperty() caseNo!: string;
  @ApiProperty() matter!: { code: string; version: number; name: string; departmentName: string };
  @ApiProperty() regionCode!: string;
  @ApiProperty() applicantName!: string;
  @ApiProperty({ type: [NoticeMaterialView] }) missing!: NoticeMaterialView[];
  @ApiProperty() issuedAt!: string;
  @ApiPropertyOptional() clerkId?: string;
  @ApiProperty({ description: 'The notice as printable text' }) printable!: string;
}

export class BundleMatterView {
  @ApiProperty({ example: 'WH-SCJGJ-001' }) matterCode!: string;
  @ApiProperty() matterVersion!: number;
  @ApiProperty() matterName!: string;
  @ApiProperty() departmentCode!: string;
  @ApiProperty({ description: 'Bundle stage: matters of one stage run in parallel, stages one after the other' }) stage!: number;
}

export class CaseBundleView {
  @ApiProperty({ example: 'YJS-WH-CANYIN' }) code!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ example: '开办餐馆一件事' }) name!: string;
  @ApiProperty({ type: [BundleMatterView] }) matters!: BundleMatterView[];
}

export class CaseReceiptView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '420102-20261127-000001' }) caseNo!: string;
  @ApiProperty({ enum: ['ACCEPTED', 'SUPPLEMENT_REQUIRED', 'IN_REVIEW', 'SUSPENDED'] }) status!: string;
  @ApiProperty({ description: 'The matter, or on a bundle case the bundle itself' }) matter!: { code: string; version: number; name: string };
  @ApiPropertyOptional({ type: CaseBundleView, description: '一件事: the matters of a bundle case, at the versions it was filed under' }) bundle?: CaseBundleView;
  @ApiProperty() receivedAt!: string;
  @ApiPropertyOptional() acceptedAt?: string;
  @ApiPropertyOptional({ description: '承诺办结日期; absent while waiting for a supplement' }) promisedDate?: string;
  @ApiProperty() legalLimitDays!: number;
  @ApiProperty() promisedLimitDays!: number;
  @ApiProperty({ type: [MaterialStatusView] }) materials!: MaterialStatusView[];
  @ApiPropertyOptional({ type: SupplementNoticeView, description: '一次性告知, when SUPPLEMENT_REQUIRED' }) supplementNotice?: SupplementNoticeView;
}

export class SupplementDto {
  @ApiProperty({ type: [ProvidedMaterialDto], description: 'The materials the one-time notice listed' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ProvidedMaterialDto)
  materials!: ProvidedMaterialDto[];
}

export class RefusalDto {
  @ApiProperty({ example: '申请事项不属于本机关职权范围' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;

  @ApiProperty({ description: 'The legal provision the refusal rests on', example: '《中华人民共和国行政许可法》第三十二条第一款第（二）项' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  legalBasis!: string;
}

export class WithdrawalDto {
  @ApiProperty({ example: '申请人主动撤回申请' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;
}

export class ClosureView {
  @ApiProperty() id!: string;
  @ApiProperty() caseNo!: string;
  @ApiProperty({ enum: ['NOT_ACCEPTED', 'WITHDRAWN'] }) status!: string;
  @ApiProperty({ enum: ['NOT_ACCEPTED', 'WITHDRAWN'] }) kind!: string;
  @ApiProperty() reason!: string;
  @ApiPropertyOptional() legalBasis?: string;
  @ApiProperty() at!: string;
  @ApiPropertyOptional() clerkId?: string;
}

export class MaterialsCheckDto {
  @ApiProperty({ type: [ProvidedMaterialDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ProvidedMaterialDto)
  materials!: ProvidedMaterialDto[];

  @ApiPropertyOptional({ description: "The applicant's id number, so materials already issued to them are not asked for (never stored)" })
  @IsOptional()
  @Matches(/^[0-9A-Za-z]{18}$/, { message: 'applicantIdNumber must be 18 letters or digits' })
  applicantIdNumber?: string;
}

export class MaterialsCheckView {
  @ApiProperty({ description: 'Nothing required is missing and every material belongs to the matter' }) complete!: boolean;
  @ApiProperty() matter!: { code: string; version: number; name: string };
  @ApiProperty({ type: [NoticeMaterialView] }) missing!: NoticeMaterialView[];
  @ApiProperty({ type: [String] }) unknown!: string[];
  @ApiProperty({ description: 'Materials that issued documents provide (共享材料)' }) reused!: Array<{ code: string; documentNo: string }>;
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
  @ApiProperty({ description: 'The matter, or on a bundle case the bundle itself (department = lead department)' }) matter!: { code: string; version: number; name: string; departmentCode: string };
  @ApiPropertyOptional({ type: CaseBundleView, description: '一件事: the matters of a bundle case' }) bundle?: CaseBundleView;
  @ApiProperty() regionCode!: string;
  @ApiProperty() channel!: string;
  @ApiProperty({ description: 'Name and masked id number' }) applicant!: { kind: string; name: string; idNumber: string };
  @ApiPropertyOptional({ description: '帮办代办: the agent, id number masked' }) agent?: { name: string; idNumber: string; authorisationRef: string };
  @ApiPropertyOptional() clerkId?: string;
  @ApiProperty({ type: [MaterialStatusView] }) materials!: MaterialStatusView[];
  @ApiProperty() receivedAt!: string;
  @ApiPropertyOptional() acceptedAt?: string;
  @ApiPropertyOptional({ description: '承诺办结日期: promised completion date (working days, Chinese calendar); set at acceptance' }) promisedDate?: string;
  @ApiPropertyOptional({ type: ClosureView, description: 'Refusal or withdrawal, with its reason' }) closure?: Omit<ClosureView, 'id' | 'caseNo' | 'status'>;
  @ApiProperty({ description: 'Whether a one-time notice was issued (GET …/supplement-notice)' }) hasSupplementNotice!: boolean;
  @ApiProperty() legalLimitDays!: number;
  @ApiProperty() promisedLimitDays!: number;
  @ApiProperty({ type: [TimelineEntryView] }) timeline!: TimelineEntryView[];
}

export class CasePage {
  @ApiProperty({ type: [CaseView] }) items!: Omit<CaseView, 'timeline'>[];
  @ApiPropertyOptional() nextCursor?: string;
}
