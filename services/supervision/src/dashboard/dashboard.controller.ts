import { createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { Controller, Get, Header, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PRIMARY_FONT_FILE } from '@onewindow/pdf';
import { DASHBOARD_HTML, DASHBOARD_JS } from './dashboard-page';

/** The ECharts build the page loads, from this service's own dependencies (no CDN). */
const ECHARTS_FILE = join(dirname(require.resolve('echarts/package.json')), 'dist', 'echarts.min.js');

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiOperation({ summary: 'The dashboard: volume by department, weekly trend, channels, ranking, overdue, evaluations' })
  @ApiProduces('text/html')
  @ApiOkResponse({ content: { 'text/html': { schema: { type: 'string' } } } })
  page(): string {
    return DASHBOARD_HTML;
  }

  @Get('app.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @ApiOperation({ summary: 'The dashboard’s script' })
  @ApiProduces('text/javascript')
  @ApiOkResponse({ content: { 'text/javascript': { schema: { type: 'string' } } } })
  script(): string {
    return DASHBOARD_JS;
  }

  @Get('echarts.min.js')
  @Header('cache-control', 'public, max-age=86400')
  @ApiOperation({ summary: 'Apache ECharts, as installed with this service' })
  @ApiProduces('text/javascript')
  @ApiOkResponse({ content: { 'text/javascript': { schema: { type: 'string' } } } })
  echarts(): StreamableFile {
    return new StreamableFile(createReadStream(ECHARTS_FILE), { type: 'text/javascript; charset=utf-8' });
  }

  @Get('noto-sans-sc.woff')
  @Header('cache-control', 'public, max-age=604800')
  @ApiOperation({ summary: 'Noto Sans SC (GB 2312 subset), the dashboard’s font' })
  @ApiProduces('font/woff')
  @ApiOkResponse({ content: { 'font/woff': { schema: { type: 'string', format: 'binary' } } } })
  font(): StreamableFile {
    return new StreamableFile(createReadStream(PRIMARY_FONT_FILE), { type: 'font/woff' });
  }
}
