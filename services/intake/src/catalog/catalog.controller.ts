import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ProblemException } from '@onewindow/platform';
import { CatalogRepository } from './catalog.repository';
import {
  BundleCodeParam,
  BundlePage,
  BundleView,
  ListMattersQuery,
  MatterCodeParam,
  MatterDefinitionDto,
  MatterPage,
  MatterVersionQuery,
  MatterView,
  PublishedMatterView,
} from './catalog.dto';
import { PublishMatterUseCase, type PublishResult } from './publish-matter.usecase';

const decodeCursor = (c?: string) => (c ? Buffer.from(c, 'base64url').toString('utf8') : undefined);
const encodeCursor = (code: string) => Buffer.from(code, 'utf8').toString('base64url');

@ApiTags('catalogue')
@Controller('api/v1')
export class CatalogController {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly publishMatter: PublishMatterUseCase,
  ) {}

  @Get('matters')
  @ApiOperation({ summary: 'List and search matters (事项目录), latest version of each' })
  @ApiOkResponse({ type: MatterPage })
  @ApiProblem(400, 'Invalid filter, limit or cursor', ['validation-error'])
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
  @ApiProblem(400, 'Invalid code or version', ['validation-error'])
  @ApiProblem(404, 'No such matter or version', ['matter-not-found'])
  async get(@Param() p: MatterCodeParam, @Query() q: MatterVersionQuery): Promise<MatterView> {
    const m = await this.catalog.findVersion(p.code, q.version);
    if (!m) throw ProblemException.notFound('matter', q.version ? `${p.code} v${q.version}` : p.code);
    return m.definition;
  }

  @Put('matters/:code')
  @ApiOperation({
    summary: "Operator: publish the matter's next version (or its first)",
    description:
      'A changed definition publishes a new version as `catalog.matter-published`; an unchanged one publishes nothing and answers with the latest version. ' +
      'Status RETIRED stops new cases (`matter-retired`); cases already registered keep the version they were accepted under.',
  })
  @ApiOkResponse({ type: PublishedMatterView })
  @ApiProblem(400, 'The definition is malformed', ['validation-error', 'malformed-json'])
  @ApiProblem(422, 'The definition is inconsistent or names unknown departments', ['invalid-matter-definition', 'unknown-department'])
  publish(@Param() p: MatterCodeParam, @Body() body: MatterDefinitionDto): Promise<PublishResult> {
    return this.publishMatter.execute({ ...body, code: p.code });
  }

  @Get('bundles')
  @ApiOperation({ summary: 'Bundles (一件事): several matters across departments handled as one case; latest version of each' })
  @ApiOkResponse({ type: BundlePage })
  async bundles(): Promise<BundlePage> {
    return { items: (await this.catalog.listBundles()).map((b) => b.definition) };
  }

  @Get('bundles/:code')
  @ApiOperation({ summary: 'One bundle with its matters and their stages; the latest version unless `version` is given' })
  @ApiOkResponse({ type: BundleView })
  @ApiProblem(400, 'Invalid code or version', ['validation-error'])
  @ApiProblem(404, 'No such bundle or version', ['bundle-not-found'])
  async bundle(@Param() p: BundleCodeParam, @Query() q: MatterVersionQuery): Promise<BundleView> {
    const b = await this.catalog.findBundle(p.code, q.version);
    if (!b) throw ProblemException.notFound('bundle', q.version ? `${p.code} v${q.version}` : p.code);
    return b.definition;
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
