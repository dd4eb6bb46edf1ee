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
  ValidateNested,
} from 'class-validator';
import type { CollectorRole, HandoverMethod } from '../../documents/domain/result-document';

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
  @ApiProperty({ enum: ['WINDOW'], description: 'Only handover at the window is offered so far' })
  @IsIn(['WINDOW'])
  method!: HandoverMethod;

  @ApiProperty({ description: 'The clerk handing the document over', example: 'clerk-0042', maxLength: 64 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  clerkId!: string;

  @ApiProperty({ type: CollectorDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => CollectorDto)
  collector!: CollectorDto;
}
