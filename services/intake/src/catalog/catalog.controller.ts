import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemException } from '@onewindow/platform';
import { CatalogRepository } from './catalog.repository';
import { ListMattersQuery, MatterCodeParam, MatterPage, MatterVersionQuery, MatterView } from './catalog.dto';

const decodeCursor = (c?: string) => (c ? Buffer.from(c, 'base64url').toString('utf8') : undefined);
const encodeCursor = (code: string) => Buffer.from(code, 'utf8').toString('base64url');

@ApiTags('catalogue')
@Controller('api/v1')
export class CatalogController {
  constructor(private readonly catalog: CatalogRepository) {}

  @Get('matters')
  @ApiOperation({ summary: 'List and search matters (事项目录), latest version of each' })
  @ApiOkResponse({ type: MatterPage })
  async list(@Query() query: ListMattersQuery): Promise<MatterPage> {
    const limit = query.limit ?? 50;
    const rows = await this.catalog.listLatest({ ...query, limit: limit + 1, after: decodeCursor(query.cursor) });
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => r.definition),
      ...(rows.length > limit ? { nextCursor: encodeCursor(page[page.length - 1].code) } : {}),
    };
  }

  @Get('matters/:code')
  @ApiOperation({ summary: 'One matter: materials, limits, result; the latest version unless `version` is given' })
  @ApiOkResponse({ type: MatterView })
  @ApiNotFoundResponse({ description: 'Problem `matter-not-found`' })
  async get(@Param() p: MatterCodeParam, @Query() q: MatterVersionQuery): Promise<MatterView> {
    const m = await this.catalog.findVersion(p.code, q.version);
    if (!m) throw ProblemException.notFound('matter', q.version ? `${p.code} v${q.version}` : p.code);
    return m.definition;
  }

  @Get('departments')
  @ApiOperation({ summary: 'Departments that own matters' })
  departments() {
    return this.catalog.departments();
  }

  @Get('regions')
  @ApiOperation({ summary: 'Administrative divisions (行政区划) served' })
  regions() {
    return this.catalog.regions();
  }
}
