import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import {
  DOCUMENT_KINDS,
  DOCUMENT_STATUSES,
  type DocumentKind,
  type DocumentStatus,
} from '../../documents/domain/result-document';

export class VerificationCodeParams {
  @ApiProperty({
    description: 'The code printed on the document; case, spaces and dashes do not matter',
    example: 'K7QM-3XHP-9RTA',
  })
  @Matches(/^[0-9A-Za-z -]{10,48}$/, { message: 'code must be 10 or more letters or digits' })
  code!: string;
}

export class VerificationDto {
  @ApiProperty({ description: 'Authentic, not revoked and not expired' })
  valid!: boolean;

  @ApiProperty({ enum: DOCUMENT_STATUSES })
  status!: DocumentStatus;

  @ApiProperty({ example: 'HB-SCJGJ-2026-000042' })
  documentNo!: string;

  @ApiProperty({ enum: DOCUMENT_KINDS })
  kind!: DocumentKind;

  @ApiProperty({ example: '食品经营许可（电子证照）' })
  title!: string;

  @ApiProperty({ description: 'Masked for a person (张*), in full for a company', example: '张*' })
  holderName!: string;

  @ApiProperty({ format: 'date-time' })
  issuedAt!: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Last day of validity; absent when the result does not expire',
  })
  validUntil?: string;
}
