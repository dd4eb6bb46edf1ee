import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  type CollectorRole,
  HANDOVER_METHODS,
  type HandoverMethod,
} from '../../documents/domain/result-document';

export class CourierRequestDto {
  @ApiProperty({ description: 'Courier company', example: '中国邮政EMS', maxLength: 64 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  company!: string;

  @ApiProperty({ description: 'Tracking number (运单号)', example: 'EA123456789CN' })
  @Matches(/^[0-9A-Za-z-]{6,40}$/, { message: 'trackingNo must be 6 to 40 letters, digits or dashes' })
  trackingNo!: string;

  @ApiProperty({
    description: 'Delivery address; answers show it masked',
    example: '湖北省武汉市江岸区解放大道1号',
    maxLength: 200,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  address!: string;
}

export class CollectorDto {
  @ApiProperty({ description: 'Name on the ID card shown at the window', example: '张三', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ description: 'Number of the ID card shown at the window', example: '11010519491231002X' })
  @IsString()
  @Matches(/^[0-9A-Za-z]{6,32}$/, { message: 'idNumber must be 6 to 32 letters or digits' })
  idNumber!: string;

  @ApiProperty({
    enum: ['HOLDER', 'AGENT'],
    description: 'HOLDER: the applicant in person; AGENT: an authorised proxy (代领)',
  })
  @IsIn(['HOLDER', 'AGENT'])
  role!: CollectorRole;

  @ApiPropertyOptional({
    description: 'Reference of the written authorisation (授权委托书); required for an AGENT',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  authorisationRef?: string;
}

export class HandoverRequestDto {
  @ApiProperty({
    enum: HANDOVER_METHODS,
    description:
      'WINDOW: collected in person; COURIER: sent by post, `courier` required; ELECTRONIC: the signed PDF made ' +
      'available to the holder through a download link',
  })
  @IsIn(HANDOVER_METHODS)
  method!: HandoverMethod;

  @ApiProperty({
    type: CollectorDto,
    description:
      'Who receives: the collector at the window, the addressee of a courier, the holder for ELECTRONIC',
  })
  @IsDefined()
  @ValidateNested()
  @Type(() => CollectorDto)
  collector!: CollectorDto;

  @ApiPropertyOptional({ type: CourierRequestDto, description: 'Required for COURIER, refused otherwise' })
  @ValidateIf((o: HandoverRequestDto) => o.method === 'COURIER' || o.courier !== undefined)
  @IsDefined({ message: 'courier is required for method COURIER' })
  @ValidateNested()
  @Type(() => CourierRequestDto)
  courier?: CourierRequestDto;
}
