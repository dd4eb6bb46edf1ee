import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '@onewindow/platform';
import { WeekParams, WeeklyReportDto } from './weekly-report.dto';
import { WeeklyReportUseCase } from './weekly-report.usecase';

@ApiTags('weekly reports')
@Controller('api/v1/weekly-reports')
export class WeeklyReportController {
  constructor(private readonly report: WeeklyReportUseCase) {}

  @Get(':week')
  @ApiOperation({
    summary: 'The weekly scheduling report (一周一调度): per department received, decided in time, overdue now, poor evaluations, open rectifications',
  })
  @ApiOkResponse({ type: WeeklyReportDto })
  @ApiProblem(400, 'Not an ISO week YYYY-Www', ['validation-error'])
  weekly(@Param() p: WeekParams): Promise<WeeklyReportDto> {
    return this.report.execute(p.week);
  }

  @Get(':week/pdf')
  @ApiOperation({ summary: 'The same report as a PDF for the weekly meeting: GET /api/v1/weekly-reports/2026-W48/pdf' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblem(400, 'Not an ISO week YYYY-Www', ['validation-error'])
  async weeklyPdf(@Param() p: WeekParams): Promise<StreamableFile> {
    const { filename, pdf } = await this.report.pdf(p.week);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="${filename}"`, length: pdf.length });
  }
}
