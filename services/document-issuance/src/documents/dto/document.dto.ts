import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  DOCUMENT_KINDS,
  DOCUMENT_STATUSES,
  type CollectorRole,
  type DocumentKind,
  type DocumentStatus,
  type HandoverMethod,
  type HolderKind,
} from '../domain/result-document';

export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** `?caseId=&status=` from a form means "no filter", not an invalid value. */
const EmptyAsAbsent = () => Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

export class DocumentIdParams {
  @ApiProperty({ description: 'Document id (ULID)', example: '01JDZ3Q4X6S8K7Y2V9T5R3M1N0' })
  @Matches(ULID_PATTERN, { message: 'id must be a ULID' })
  id!: string;
}

export class ListDocumentsQuery {
  @ApiPropertyOptional({
    enum: DOCUMENT_STATUSES,
    description: 'READY_FOR_PICKUP lists what waits at the window',
  })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(DOCUMENT_STATUSES)
  status?: DocumentStatus;

  @ApiPropertyOptional({ description: 'Only the document of this case (ULID)' })
  @EmptyAsAbsent()
  @IsOptional()
  @Matches(ULID_PATTERN, { message: 'caseId must be a ULID' })
  caseId?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @Transform(({ value }: { value: unknown }) =>
    value === '' || value === undefined ? undefined : Number(value),
  )
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class HolderDto {
  @ApiProperty({ enum: ['NATURAL_PERSON', 'LEGAL_PERSON'] })
  kind!: HolderKind;

  @ApiProperty({ example: '张三' })
  name!: string;

  @ApiProperty({ description: 'Masked: region code and last four characters', example: '110105********002X' })
  idNumberMasked!: string;
}

export class HandoverDto {
  @ApiProperty({ enum: ['WINDOW'] })
  method!: HandoverMethod;

  @ApiProperty({ description: 'Clerk who handed the document over' })
  clerkId!: string;

  @ApiProperty({ example: '张三' })
  collectorName!: string;

  @ApiProperty({ enum: ['HOLDER', 'AGENT'] })
  collectorRole!: CollectorRole;

  @ApiProperty({ example: '110105********002X' })
  collectorIdNumberMasked!: string;

  @ApiPropertyOptional({ description: 'Written authorisation an agent presented' })
  authorisationRef?: string;

  @ApiProperty({ format: 'date-time' })
  handedOverAt!: string;
}

export class DocumentDto {
  @ApiProperty({ description: 'ULID', example: '01JDZ3Q4X6S8K7Y2V9T5R3M1N0' })
  id!: string;

  @ApiProperty({ description: '文书编号', example: 'HB-SCJGJ-2026-000042' })
  documentNo!: string;

  @ApiProperty()
  caseId!: string;

  @ApiProperty({ example: '420102-20261127-000001' })
  caseNo!: string;

  @ApiProperty({ enum: DOCUMENT_KINDS })
  kind!: DocumentKind;

  @ApiProperty({ example: '食品经营许可（电子证照）' })
  title!: string;

  @ApiProperty()
  matterCode!: string;

  @ApiProperty({ example: 'HB-SCJGJ' })
  departmentCode!: string;

  @ApiProperty({ example: '湖北省市场监督管理局' })
  departmentName!: string;

  @ApiProperty({ type: HolderDto })
  holder!: HolderDto;

  @ApiProperty({ type: [String], description: 'Reasons of a refusal; empty otherwise' })
  reasons!: string[];

  @ApiProperty({ enum: DOCUMENT_STATUSES })
  status!: DocumentStatus;

  @ApiProperty({ description: 'Printed on the document; anyone can check it at /api/v1/verification/{code}' })
  verificationCode!: string;

  @ApiProperty({ format: 'date-time' })
  issuedAt!: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Last day of validity; absent when the result does not expire',
  })
  validUntil?: string;

  @ApiPropertyOptional({ type: HandoverDto })
  handover?: HandoverDto;
}

export class DocumentPageDto {
  @ApiProperty({ type: [DocumentDto] })
  items!: DocumentDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}
