import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class DepartmentParams {
  @ApiProperty({ description: 'Department code', example: 'HB-SCJGJ' })
  @Matches(/^[A-Za-z0-9-]{2,64}$/, { message: 'department must be 2 to 64 letters, digits or dashes' })
  department!: string;
}

/** A JWK (RFC 8037 OKP) with who uses it and when. */
export class PublishedKeyDto {
  @ApiProperty({
    description: 'Key id; each signature names the key that made it',
    example: 'HB-SCJGJ-01JDZ3Q4X6S8K7Y2V9T5R3M1N0',
  })
  kid!: string;

  @ApiProperty({ enum: ['OKP'] })
  kty!: 'OKP';

  @ApiProperty({ enum: ['Ed25519'] })
  crv!: 'Ed25519';

  @ApiProperty({ enum: ['EdDSA'] })
  alg!: 'EdDSA';

  @ApiProperty({ enum: ['sig'] })
  use!: 'sig';

  @ApiProperty({ description: 'Public key, base64url (32 bytes)' })
  x!: string;

  @ApiProperty({ description: 'Issuing department', example: 'HB-SCJGJ' })
  department!: string;

  @ApiProperty({
    enum: ['ACTIVE', 'RETIRED'],
    description: 'RETIRED keys sign nothing new but still verify what they signed',
  })
  status!: 'ACTIVE' | 'RETIRED';

  @ApiProperty({ format: 'date-time', description: 'Signs documents issued from this instant' })
  validFrom!: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Signed documents until this instant (absent while active)',
  })
  validTo?: string;
}

export class KeySetDto {
  @ApiProperty({ type: [PublishedKeyDto] })
  keys!: PublishedKeyDto[];
}
