import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '@onewindow/platform';
import { MonthlyBulletinUseCase } from '../bulletin/monthly-bulletin.usecase';
import { BulletinParams, RankingDto, RankingQuery } from './dto/ranking.dto';
import { RankingUseCase } from './ranking.usecase';

@ApiTags('rankings')
@Controller('api/v1')
export class RankingController {
  constructor(
    private readonly ranking: RankingUseCase,
    private readonly bulletin: MonthlyBulletinUseCase,
  ) {}

  @Get('rankings')
  @ApiOperation({
    summary: 'Cities or departments ranked on timeliness, one visit, online share and evaluation (weights: RANKING_WEIGHTS)',
  })
  @ApiOkResponse({ type: RankingDto })
  @ApiProblem(400, 'A filter is malformed', ['validation-error'])
  rankings(@Query() q: RankingQuery): Promise<RankingDto> {
    return this.ranking.execute(q);
  }

  @Get('bulletins/:file')
  @ApiOperation({ summary: 'The monthly bulletin (通报) as PDF: GET /api/v1/bulletins/2026-11.pdf' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblem(400, 'Not YYYY-MM.pdf', ['validation-error'])
  async monthly(@Param() p: BulletinParams): Promise<StreamableFile> {
    const { filename, pdf } = await this.bulletin.execute(p.file.slice(0, 7));
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="${filename}"`, length: pdf.length });
  }
}
