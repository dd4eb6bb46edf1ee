import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import {
  DOCUMENT_KINDS,
  DOCUMENT_STATUSES,
  type DocumentKind,
  type DocumentStatus,
} from '../../documents/domain/result-document';
import { type Verdict, VERDICTS } from '../domain/verdict';

export class VerificationCodeParams {
  @ApiProperty({
    description: 'The code printed on the document; case, spaces and dashes do not matter',
    example: 'K7QM-3XHP-9RTA',
  })
  @Matches(/^[0-9A-Za-z -]{10,48}$/, { message: 'code must be 10 or more letters or digits' })
  code!: string;
}

/** What the QR code printed on a document adds to the code: the signature it carries. */
export class VerificationQuery {
  @ApiPropertyOptional({ description: 'Key id from the QR code' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{2,100}$/, { message: 'kid must be letters, digits or dashes' })
  kid?: string;

  @ApiPropertyOptional({ description: 'Signature from the QR code (base64url)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{20,200}$/, { message: 'sig must be base64url' })
  sig?: string;
}

export class VerificationSignatureDto {
  @ApiProperty({ enum: ['Ed25519'] })
  algorithm!: 'Ed25519';

  @ApiProperty({ description: 'Key id; the public key is at /api/v1/signing-keys' })
  kid!: string;
}

export class VerificationDto {
  @ApiProperty({ description: 'Authentic, not revoked and not expired' })
  valid!: boolean;

  @ApiProperty({ enum: VERDICTS, description: 'VALID, EXPIRED, REVOKED, or FORGED (fails its signature)' })
  verdict!: Verdict;

  @ApiProperty({ description: 'The verdict in words', example: 'Authentic and in force until 2031-11-26.' })
  reason!: string;

  @ApiProperty({ enum: DOCUMENT_STATUSES })
  status!: DocumentStatus;

  @ApiProperty({ example: 'HB-SCJGJ-2026-000042' })
  documentNo!: string;

  @ApiProperty({ enum: DOCUMENT_KINDS })
  kind!: DocumentKind;

  @ApiProperty({ example: '食品经营许可（电子证照）' })
  title!: string;

  @ApiProperty({ example: '湖北省市场监督管理局' })
  departmentName!: string;

  @ApiProperty({ description: 'Masked for a person (张*), in full for a company', example: '张*' })
  holderName!: string;

  @ApiProperty({ format: 'date-time' })
  issuedAt!: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Last day of validity; absent when the result does not expire',
  })
  validUntil?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When it was revoked' })
  revokedAt?: string;

  @ApiPropertyOptional({ type: VerificationSignatureDto })
  signature?: VerificationSignatureDto;
}
