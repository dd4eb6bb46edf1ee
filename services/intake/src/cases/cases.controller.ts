import { Body, Controller, Get, Headers, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ProblemException } from '@onewindow/platform';
import type { FastifyReply } from 'fastify';
import { CaseQueries } from './case-queries';
import { CaseIdParam, CasePage, CaseView, CreateCaseDto, SearchCasesQuery } from './cases.dto';
import { type CaseReceipt, CreateCaseUseCase } from './create-case.usecase';

@ApiTags('cases')
@Controller('api/v1/cases')
export class CasesController {
  constructor(
    private readonly createCase: CreateCaseUseCase,
    private readonly queries: CaseQueries,
  ) {}

  @Post()
  @ApiOperation({
    summary: '综合受理: accept a case for a matter, checking identity and materials against the catalogue',
    description: 'Everything missing is listed at once (一次性告知) in a `materials-incomplete` problem; nothing is saved then.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry with the same key and body to get the first answer back' })
  @ApiCreatedResponse({ description: '受理回执: the acceptance receipt' })
  @ApiUnprocessableEntityResponse({
    description: 'Problems `invalid-id-number`, `unknown-matter`, `matter-retired`, `matter-not-offered-here`, `materials-incomplete`, `idempotency-key-reused`',
  })
  async create(
    @Body() body: CreateCaseDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseReceipt> {
    if (key !== undefined && !/^[\w.:-]{8,128}$/.test(key)) {
      throw new ProblemException('invalid-idempotency-key', 'The Idempotency-Key is not valid', HttpStatus.BAD_REQUEST, 'use 8–128 letters, digits, or . _ : -');
    }
    const answer = await this.createCase.execute(body, key);
    void reply.status(answer.status).header('location', `/api/v1/cases/${answer.body.id}`);
    if (answer.replayed) void reply.header('idempotent-replayed', 'true');
    return answer.body;
  }

  @Get()
  @ApiOperation({ summary: 'Search cases by number, status, matter, region; newest first, cursor pagination' })
  @ApiOkResponse({ type: CasePage })
  search(@Query() q: SearchCasesQuery): Promise<CasePage> {
    return this.queries.search(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One case: status and its whole timeline, in order' })
  @ApiOkResponse({ type: CaseView })
  @ApiNotFoundResponse({ description: 'Problem `case-not-found`' })
  get(@Param() p: CaseIdParam): Promise<CaseView> {
    return this.queries.get(p.id);
  }
}
