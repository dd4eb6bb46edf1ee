import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '@onewindow/platform';
import { CaseIdParams } from '../dispatch/dto/plan.dto';
import { ListUnroutableUseCase } from './list-unroutable.usecase';
import { RetryUnroutableUseCase } from './retry-unroutable.usecase';
import { RetryResultView, UnroutablePage, UnroutableQuery } from './unroutable.dto';

@ApiTags('unroutable-cases')
@Controller('api/v1/unroutable-cases')
export class UnroutableController {
  constructor(
    private readonly list: ListUnroutableUseCase,
    private readonly retry: RetryUnroutableUseCase,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Accepted cases no routing rule covers',
    description: 'Oldest first, with the reason. Each was announced once as case.unroutable (alert).',
  })
  @ApiOkResponse({ type: UnroutablePage })
  @ApiProblem(400, 'Bad query parameters', ['validation-error'])
  get(@Query() q: UnroutableQuery): Promise<UnroutablePage> {
    return this.list.execute({ includeRouted: q.includeRouted ?? false, limit: q.limit ?? 100 });
  }

  @Post(':caseId/retry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Route a waiting case again with the rules in force',
    description: 'Publishing the missing rules retries waiting cases by itself; this is for the rest.',
  })
  @ApiOkResponse({ type: RetryResultView })
  @ApiProblem(400, 'The case id is not a ULID', ['validation-error'])
  @ApiProblem(404, 'The case never was unroutable', ['unroutable-case-not-found'])
  @ApiProblem(409, 'Still no rule, or the case was withdrawn', ['still-unroutable', 'case-not-waiting'])
  post(@Param() p: CaseIdParams): Promise<RetryResultView> {
    return this.retry.execute(p.caseId);
  }
}
