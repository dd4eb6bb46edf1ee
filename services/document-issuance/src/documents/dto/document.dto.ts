import { EmptyAsAbsent, PageQuery } from '@onewindow/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import {
  DOCUMENT_KINDS,
  DOCUMENT_STATUSES,
  HANDOVER_METHODS,
  type CollectorRole,
  type DocumentKind,
  type DocumentStatus,
  type HandoverMethod,
  type HolderKind,
} from '../domain/result-document';

export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;


export class DocumentIdParams {
  @ApiProperty({ description: 'Document id (ULID)', example: '01JDZ3Q4X6S8K7Y2V9T5R3M1N0' })
  @Matches(ULID_PATTERN, { message: 'id must be a ULID' })
  id!: string;
}

export class ListDocumentsQuery extends PageQuery {
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

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true: only results still waiting that were flagged as not collected in time',
  })
  @Transform(({ value }: { value: unknown }) =>
    value === '' || value === undefined
      ? undefined
      : value === 'true'
        ? true
        : value === 'false'
          ? false
          : value,
  )
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;

}

export class HolderDto {
  @ApiProperty({ enum: ['NATURAL_PERSON', 'LEGAL_PERSON'] })
  kind!: HolderKind;

  @ApiProperty({ example: '张三' })
  name!: string;

  @ApiProperty({ description: 'Masked: region code and last four characters', example: '110105********002X' })
  idNumberMasked!: string;
}

export class CourierDto {
  @ApiProperty({ example: '中国邮政EMS' })
  company!: string;

  @ApiProperty({ example: 'EA123456789CN' })
  trackingNo!: string;

  @ApiProperty({ description: 'Masked: the city shows, the street does not', example: '湖北省武汉市****' })
  addressMasked!: string;
}

export class HandoverDto {
  @ApiProperty({ enum: HANDOVER_METHODS })
  method!: HandoverMethod;

  @ApiProperty({ description: 'Clerk who handed the document over: the caller\'s token subject' })
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

  @ApiPropertyOptional({ type: CourierDto })
  courier?: CourierDto;

  @ApiPropertyOptional({
    description:
      'ELECTRONIC: where the holder downloads the signed PDF (a secret link: give it to the holder only)',
    example: '/api/v1/electronic-copies/3q2-7Zk…',
  })
  electronicCopyUrl?: string;
}

export class SignatureDto {
  @ApiProperty({ enum: ['Ed25519'] })
  algorithm!: 'Ed25519';

  @ApiProperty({ description: 'Key that signed; published at /api/v1/signing-keys' })
  kid!: string;

  @ApiProperty({ description: 'Signature over the canonical content (see the service README), base64url' })
  value!: string;
}

export class RevocationDto {
  @ApiProperty({ example: '以欺骗手段取得许可' })
  reason!: string;

  @ApiProperty({ example: 'officer-001', description: 'Who revoked it: the caller\'s token subject' })
  revokedBy!: string;

  @ApiProperty({ format: 'date-time' })
  revokedAt!: string;
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

  @ApiPropertyOptional({
    type: SignatureDto,
    description: 'Absent only on documents issued before signing existed',
  })
  signature?: SignatureDto;

  @ApiPropertyOptional({ type: RevocationDto })
  revocation?: RevocationDto;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When it was flagged as not collected in time (未领取)',
  })
  uncollectedFlaggedAt?: string;
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
