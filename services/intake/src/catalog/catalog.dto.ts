import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

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
  @ApiPropertyOptional({ type: [String], description: 'Matters whose issued result stands in for this material (共享材料)' }) providedByMatterCodes?: string[];
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

const CODE = /^[A-Za-z0-9-]{1,64}$/;

export class MaterialDefinitionDto {
  @ApiProperty({ example: 'M-BL' })
  @Matches(CODE)
  code!: string;

  @ApiProperty({ example: '营业执照' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty()
  @IsBoolean()
  required!: boolean;

  @ApiProperty({ enum: ['ORIGINAL', 'COPY', 'ELECTRONIC'] })
  @IsIn(['ORIGINAL', 'COPY', 'ELECTRONIC'])
  form!: 'ORIGINAL' | 'COPY' | 'ELECTRONIC';

  @ApiProperty()
  @IsBoolean()
  shareable!: boolean;

  @ApiPropertyOptional({ type: [String], example: ['WH-SCJGJ-003'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(CODE, { each: true })
  providedByMatterCodes?: string[];
}

/** An operator's definition of a matter's next version; the code comes from the path. */
export class MatterDefinitionDto {
  @ApiProperty({ example: '食品经营许可（新办）' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'WH-SCJGJ' })
  @Matches(CODE)
  departmentCode!: string;

  @ApiPropertyOptional({ description: "Defaults to the department's name in the catalogue" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  departmentName?: string;

  @ApiProperty({ enum: ['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'] })
  @IsIn(['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'])
  level!: 'PROVINCE' | 'CITY' | 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';

  @ApiProperty({ enum: ['INSTANT', 'PROMISED'] })
  @IsIn(['INSTANT', 'PROMISED'])
  kind!: 'INSTANT' | 'PROMISED';

  @ApiProperty({ minimum: 0, maximum: 365 })
  @IsInt()
  @Min(0)
  @Max(365)
  legalLimitDays!: number;

  @ApiProperty({ minimum: 0, maximum: 365 })
  @IsInt()
  @Min(0)
  @Max(365)
  promisedLimitDays!: number;

  @ApiProperty({ minimum: 0, maximum: 5 })
  @IsInt()
  @Min(0)
  @Max(5)
  visits!: number;

  @ApiProperty()
  @IsBoolean()
  online!: boolean;

  @ApiProperty({ enum: ['LICENCE', 'APPROVAL', 'FILING'] })
  @IsIn(['LICENCE', 'APPROVAL', 'FILING'])
  resultType!: 'LICENCE' | 'APPROVAL' | 'FILING';

  @ApiPropertyOptional({ minimum: 1, maximum: 1200 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1200)
  resultValidityMonths?: number;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(CODE, { each: true })
  coDepartmentCodes!: string[];

  @ApiProperty({ type: [String], example: ['420100', '420102'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @Matches(/^\d{6}$/, { each: true })
  regionCodes!: string[];

  @ApiProperty({ type: [MaterialDefinitionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MaterialDefinitionDto)
  materials!: MaterialDefinitionDto[];

  @ApiProperty({ enum: ['ACTIVE', 'RETIRED'], description: 'RETIRED: new cases are refused (`matter-retired`); existing cases keep their version' })
  @IsIn(['ACTIVE', 'RETIRED'])
  status!: 'ACTIVE' | 'RETIRED';
}

export class PublishedMatterView {
  @ApiProperty() code!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'False when the definition equals the latest version: nothing was published' }) changed!: boolean;
  @ApiProperty({ type: MatterView }) matter!: MatterView;
}

export class BundleMatterView {
  @ApiProperty() matterCode!: string;
  @ApiProperty({ description: 'Same stage = in parallel (并联); a later stage waits for the earlier ones' }) stage!: number;
}

export class BundleView {
  @ApiProperty({ example: 'YJS-WH-CANYIN' }) code!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ example: '开办餐馆一件事' }) name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() leadDepartmentCode!: string;
  @ApiProperty({ type: [String] }) regionCodes!: string[];
  @ApiProperty({ type: [BundleMatterView] }) matters!: BundleMatterView[];
  @ApiProperty({ enum: ['ACTIVE', 'RETIRED'] }) status!: string;
  @ApiProperty() publishedAt!: string;
}

export class BundlePage {
  @ApiProperty({ type: [BundleView] }) items!: BundleView[];
}

export class BundleCodeParam {
  @ApiProperty({ example: 'YJS-WH-CANYIN' })
  @Matches(CODE)
  code!: string;
}
