import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class ListMattersQuery {
  @ApiPropertyOptional({ description: 'Words of the name or code', example: '食品' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ example: 'HB-WH-SCJGJ' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  departmentCode?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class MatterVersionQuery {
  @ApiPropertyOptional({ description: 'A specific published version; the latest when absent', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class MatterCodeParam {
  @ApiProperty({ example: '11420100MB1234567X-0001' })
  @IsString()
  @Matches(/^[A-Za-z0-9-]{1,64}$/)
  code!: string;
}

export class MaterialView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() required!: boolean;
  @ApiProperty({ enum: ['ORIGINAL', 'COPY', 'ELECTRONIC'] }) form!: string;
  @ApiProperty({ description: 'Can be pulled from an already-issued document instead of being asked for' }) shareable!: boolean;
}

export class MatterView {
  @ApiProperty() code!: string;
  @ApiProperty() version!: number;
  @ApiProperty() name!: string;
  @ApiProperty() departmentCode!: string;
  @ApiProperty() departmentName!: string;
  @ApiProperty({ enum: ['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'] }) level!: string;
  @ApiProperty({ enum: ['INSTANT', 'PROMISED'] }) kind!: string;
  @ApiProperty({ description: '法定时限, working days' }) legalLimitDays!: number;
  @ApiProperty({ description: '承诺时限, working days' }) promisedLimitDays!: number;
  @ApiProperty({ description: 'On-site visits required (0 or 1 for 最多跑一次)' }) visits!: number;
  @ApiProperty() online!: boolean;
  @ApiProperty({ enum: ['LICENCE', 'APPROVAL', 'FILING'] }) resultType!: string;
  @ApiPropertyOptional() resultValidityMonths?: number;
  @ApiProperty({ type: [String] }) coDepartmentCodes!: string[];
  @ApiProperty({ type: [String] }) regionCodes!: string[];
  @ApiProperty({ type: [MaterialView] }) materials!: MaterialView[];
  @ApiProperty({ enum: ['ACTIVE', 'RETIRED'] }) status!: string;
  @ApiProperty() publishedAt!: string;
}

export class MatterPage {
  @ApiProperty({ type: [MatterView] }) items!: MatterView[];
  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next page; absent on the last page' }) nextCursor?: string;
}
