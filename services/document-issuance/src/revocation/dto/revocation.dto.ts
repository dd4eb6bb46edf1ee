import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class RevocationRequestDto {
  @ApiProperty({
    description: 'Why the document is revoked (撤销理由); public verification shows it',
    example: '以欺骗手段取得许可',
    maxLength: 500,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
