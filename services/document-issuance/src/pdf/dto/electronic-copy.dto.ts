import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class ElectronicTokenParams {
  @ApiProperty({ description: 'The secret of the download link' })
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'token is not a download link token' })
  token!: string;
}
