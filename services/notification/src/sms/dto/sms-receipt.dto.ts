import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class SmsReceiptDto {
  @ApiProperty({ description: 'The gateway’s message id, as it answered the send request' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  messageId!: string;

  @ApiProperty({ enum: ['DELIVERED', 'FAILED'] })
  @IsIn(['DELIVERED', 'FAILED'])
  status!: 'DELIVERED' | 'FAILED';

  @ApiProperty({ format: 'date-time', description: 'When the handset received it (or the carrier gave up)' })
  @IsISO8601({ strict: true })
  reportedAt!: string;

  @ApiPropertyOptional({ description: 'The carrier’s error code of a FAILED receipt' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  errorCode?: string;
}

export class SmsReceiptAnswerDto {
  @ApiProperty({ enum: ['applied', 'duplicate'] })
  outcome!: 'applied' | 'duplicate';
}
