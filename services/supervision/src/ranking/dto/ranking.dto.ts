import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EmptyAsAbsent } from '@onewindow/platform';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { MeasureQuery } from '../../measures/dto/measures.dto';

export const RANKING_LEVELS = ['city', 'department'] as const;
export type RankingLevel = (typeof RANKING_LEVELS)[number];

export class RankingQuery extends MeasureQuery {
  @ApiPropertyOptional({ enum: RANKING_LEVELS, default: 'city', description: 'Rank cities (counties rolled up) or departments' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(RANKING_LEVELS)
  level?: RankingLevel;
}

export class BulletinParams {
  @ApiProperty({ description: 'The month, as YYYY-MM.pdf', example: '2026-11.pdf' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])\.pdf$/, { message: 'the bulletin is named YYYY-MM.pdf' })
  file!: string;
}

export class RankingRowDto {
  @ApiProperty() rank!: number;
  @ApiProperty({ description: 'City region code or department code' }) key!: string;
  @ApiProperty() name!: string;
  @ApiProperty() cases!: number;
  @ApiProperty({ description: 'Weighted score 0–100' }) score!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Share decided within the promised limit' }) timeliness!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Share of delivered cases with at most one visit' }) oneVisit!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Online share' }) online!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Average evaluation mapped 1→0 … 5→1' }) evaluation!: number | null;
}

export class RankingWeightsDto {
  @ApiProperty() timeliness!: number;
  @ApiProperty() oneVisit!: number;
  @ApiProperty() online!: number;
  @ApiProperty() evaluation!: number;
}

export class RankingDto {
  @ApiProperty({ enum: RANKING_LEVELS }) level!: RankingLevel;
  @ApiProperty({ description: 'Normalised weights from RANKING_WEIGHTS' }) weights!: RankingWeightsDto;
  @ApiProperty({ type: [RankingRowDto] }) rows!: RankingRowDto[];
}
