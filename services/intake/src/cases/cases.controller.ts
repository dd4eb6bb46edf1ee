import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ProblemException } from '@onewindow/platform';
import type { FastifyReply } from 'fastify';
import { CaseQueries } from './case-queries';
import type { ClosureView as Closure } from './case-closure';
import {
  CaseIdParam,
  CasePage,
  CaseReceiptView,
  CaseView,
  ClosureView,
  CreateCaseDto,
  RefusalDto,
  SearchCasesQuery,
  SupplementDto,
  SupplementNoticeView,
  WithdrawalDto,
} from './cases.dto';
import { type CaseReceipt, CreateCaseUseCase, type StoredAnswer } from './create-case.usecase';
import type { SupplementNotice } from './domain/supplement-notice';
import { RefuseCaseUseCase } from './refuse-case.usecase';
import { SupplementCaseUseCase } from './supplement-case.usecase';
import { WithdrawCaseUseCase } from './withdraw-case.usecase';

const IdempotencyKey = () =>
  ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry with the same key and body to get the first answer back; 8–128 of letters, digits, . _ : -' });

export function checkKey(key: string | undefined): string | undefined {
  if (key !== undefined && !/^[\w.:-]{8,128}$/.test(key)) {
    throw new ProblemException('invalid-idempotency-key', 'The Idempotency-Key is not valid', HttpStatus.BAD_REQUEST, 'use 8–128 letters, digits, or . _ : -');
  }
  return key;
}

export function answer<T>(reply: FastifyReply, a: StoredAnswer<T>): T {
  void reply.status(a.status);
  if (a.replayed) void reply.header('idempotent-replayed', 'true');
  return a.body;
}

const caseExample = (what: { matterCode: string } | { bundleCode: string }) => ({
  ...what,
  regionCode: '420102',
  channel: 'WINDOW',
  applicant: {
    kind: 'NATURAL_PERSON',
    name: '张三',
    idNumber: '11010519491231002X',
    contact: { phone: '13800138000', email: 'zhang.san@example.org', locale: 'zh-CN' },
  },
  materials: [{ code: 'M-APP' }],
});

@ApiTags('cases')
@Controller('api/v1/cases')
export class CasesController {
  constructor(
    private readonly createCase: CreateCaseUseCase,
    private readonly supplementCase: SupplementCaseUseCase,
    private readonly refuseCase: RefuseCaseUseCase,
    private readonly withdrawCase: WithdrawCaseUseCase,
    private readonly queries: CaseQueries,
  ) {}

  @Post()
  @ApiOperation({
    summary: '综合受理: register a case for a matter or a bundle (一件事), checking identity and materials against the catalogue',
    description:
      'A bundle (bundleCode in place of matterCode) is one case with one form: its materials are the union of its matters\' lists, ' +
      'one entry per material code, without what an earlier stage of the bundle issues; its promised date follows the longest path of its stages. ' +
      'Complete (counting materials that documents already issued to the applicant provide, 共享材料) → ACCEPTED with the receipt (受理回执). ' +
      'Required materials missing → the case is registered as SUPPLEMENT_REQUIRED with a one-time notice (一次性告知) listing all of them. ' +
      'Any other problem → nothing is saved.',
  })
  @ApiBody({
    type: CreateCaseDto,
    // Two examples because a case names a matter or a bundle, never both (matter-and-bundle).
    examples: {
      matter: { summary: 'A case for one matter', value: caseExample({ matterCode: 'WH-SCJGJ-001' }) },
      bundle: { summary: '一件事: a case for a bundle', value: caseExample({ bundleCode: 'YJS-WH-CANYIN' }) },
    },
  })
  @IdempotencyKey()
  @ApiCreatedResponse({ type: CaseReceiptView, description: 'The receipt, or the case number with its one-time notice' })
  @ApiProblem(400, 'Malformed request', ['validation-error', 'malformed-json', 'invalid-idempotency-key', 'matter-and-bundle'])
  @ApiProblem(403, 'The caller does not serve the region of the case', ['region-not-allowed'])
  @ApiProblem(413, 'Body too large', ['payload-too-large'])
  @ApiProblem(422, 'The application cannot be registered', [
    'invalid-id-number',
    'unknown-matter',
    'matter-retired',
    'matter-not-offered-here',
    'unknown-bundle',
    'bundle-retired',
    'bundle-not-offered-here',
    'bundle-matter-unavailable',
    'unknown-materials',
    'idempotency-key-reused',
  ])
  async create(
    @Body() body: CreateCaseDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseReceipt> {
    const a = await this.createCase.execute(body, checkKey(key));
    void reply.header('location', `/api/v1/cases/${a.body.id}`);
    return answer(reply, a);
  }

  @Get()
  @ApiOperation({ summary: 'Search cases by number, applicant (exact id number), status, matter, region, day received; newest first, cursor pagination' })
  @ApiOkResponse({ type: CasePage })
  @ApiProblem(400, 'Invalid filter, limit or cursor', ['validation-error'])
  search(@Query() q: SearchCasesQuery): Promise<CasePage> {
    return this.queries.search(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One case: status, parties, materials and its whole timeline, in order' })
  @ApiOkResponse({ type: CaseView })
  @ApiProblem(400, 'The id is not a ULID', ['validation-error'])
  @ApiProblem(404, 'No such case', ['case-not-found'])
  get(@Param() p: CaseIdParam): Promise<CaseView> {
    return this.queries.get(p.id);
  }

  @Get(':id/supplement-notice')
  @ApiOperation({ summary: '一次性告知书: everything the case was missing, with a printable text' })
  @ApiOkResponse({ type: SupplementNoticeView })
  @ApiProblem(400, 'The id is not a ULID', ['validation-error'])
  @ApiProblem(404, 'No such case, or no notice was issued for it', ['case-not-found', 'supplement-notice-not-found'])
  supplementNotice(@Param() p: CaseIdParam): Promise<SupplementNotice> {
    return this.queries.supplementNotice(p.id);
  }

  @Post(':id/supplements')
  @ApiOperation({
    summary:
      '补正: hand in what the one-time notice listed (a complete case is accepted with its receipt), or what a ' +
      'department asked for during review (SUPPLEMENT_REQUESTED: the case goes back to review, the same task resumes)',
  })
  @IdempotencyKey()
  @ApiOkResponse({ type: CaseReceiptView })
  @ApiProblem(400, 'Malformed request', ['validation-error', 'malformed-json', 'invalid-idempotency-key'])
  @ApiProblem(404, 'No such case', ['case-not-found'])
  @ApiProblem(409, 'The case does not wait for a supplement', ['case-closed', 'no-supplement-required'])
  @ApiProblem(422, 'Still incomplete, or materials of another matter; nothing saved', ['materials-incomplete', 'unknown-materials', 'idempotency-key-reused'])
  async supplement(
    @Param() p: CaseIdParam,
    @Body() body: SupplementDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseReceipt> {
    return answer(reply, await this.supplementCase.execute(p.id, body, checkKey(key)));
  }

  @Post(':id/refusal')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '不予受理: refuse a case not yet accepted, with the reason and its legal basis' })
  @IdempotencyKey()
  @ApiOkResponse({ type: ClosureView })
  @ApiProblem(400, 'Malformed request', ['validation-error', 'malformed-json', 'invalid-idempotency-key'])
  @ApiProblem(404, 'No such case', ['case-not-found'])
  @ApiProblem(409, 'The case is closed or already accepted', ['case-closed', 'case-already-accepted'])
  @ApiProblem(422, 'Key reused with another body', ['idempotency-key-reused'])
  async refuse(
    @Param() p: CaseIdParam,
    @Body() body: RefusalDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Closure> {
    return answer(reply, await this.refuseCase.execute(p.id, body, checkKey(key)));
  }

  @Post(':id/withdrawal')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '撤回: the applicant withdraws the case before a decision' })
  @IdempotencyKey()
  @ApiOkResponse({ type: ClosureView })
  @ApiProblem(400, 'Malformed request', ['validation-error', 'malformed-json', 'invalid-idempotency-key'])
  @ApiProblem(404, 'No such case', ['case-not-found'])
  @ApiProblem(409, 'Already decided or closed', ['case-already-decided', 'case-closed'])
  @ApiProblem(422, 'Key reused with another body', ['idempotency-key-reused'])
  async withdraw(
    @Param() p: CaseIdParam,
    @Body() body: WithdrawalDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Closure> {
    return answer(reply, await this.withdrawCase.execute(p.id, body, checkKey(key)));
  }
}
