import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '@onewindow/platform';
import {
  CaseIdParams,
  CloseBody,
  EvaluationDto,
  FollowUpBody,
  ListRectificationsQuery,
  RectificationDto,
  RectificationIdParams,
  RectificationPageDto,
  RespondBody,
  SubmitEvaluationBody,
} from './dto/evaluation.dto';
import { evaluatePage } from './evaluate-page';
import { GetRectificationUseCase, ListRectificationsUseCase, UpdateRectificationUseCase } from './rectifications.usecases';
import { SubmitEvaluationUseCase } from './submit-evaluation.usecase';

@ApiTags('evaluations')
@Controller()
export class EvaluationsController {
  constructor(private readonly submit: SubmitEvaluationUseCase) {}

  @Post('api/v1/cases/:caseId/evaluations')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Rate a delivered case (好差评), once, with the token from the evaluation link',
    description: 'A score below 3 needs a reason and opens a rectification (整改) for the department, due in 15 working days.',
  })
  @ApiCreatedResponse({ type: EvaluationDto })
  @ApiProblem(400, 'Malformed, or a score below 3 without a reason', ['validation-error'])
  @ApiProblem(403, 'The token does not belong to this case', ['evaluation-token-invalid'])
  @ApiProblem(404, 'The case is unknown', ['case-not-found'])
  @ApiProblem(409, 'Not handed over yet, or rated already', ['case-not-delivered', 'evaluation-exists'])
  evaluate(@Param() p: CaseIdParams, @Body() body: SubmitEvaluationBody): Promise<EvaluationDto> {
    return this.submit.execute({ caseId: p.caseId, ...body });
  }

  @Get('evaluate/:caseId')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'The page behind the evaluation link: `/evaluate/{caseId}?t=<token>`' })
  @ApiProduces('text/html')
  @ApiOkResponse({ content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiProblem(400, 'The case id is not a ULID', ['validation-error'])
  page(@Param() p: CaseIdParams): string {
    return evaluatePage(p.caseId);
  }
}

@ApiTags('rectifications')
@Controller('api/v1/rectifications')
export class RectificationsController {
  constructor(
    private readonly list: ListRectificationsUseCase,
    private readonly get: GetRectificationUseCase,
    private readonly update: UpdateRectificationUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Rectifications (整改), oldest first, by status and department' })
  @ApiOkResponse({ type: RectificationPageDto })
  @ApiProblem(400, 'A filter or the cursor is malformed', ['validation-error', 'invalid-cursor'])
  index(@Query() q: ListRectificationsQuery): Promise<RectificationPageDto> {
    return this.list.execute(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One rectification with its answer, follow-up and closing' })
  @ApiOkResponse({ type: RectificationDto })
  @ApiProblem(400, 'The id is not a ULID', ['validation-error'])
  @ApiProblem(404, 'No such rectification', ['rectification-not-found'])
  one(@Param() p: RectificationIdParams): Promise<RectificationDto> {
    return this.get.execute(p.id);
  }

  @Post(':id/response')
  @HttpCode(200)
  @ApiOperation({ summary: 'The department’s answer: OPEN → RESPONDED (late when after the deadline)' })
  @ApiOkResponse({ type: RectificationDto })
  @ApiProblem(400, 'Malformed', ['validation-error'])
  @ApiProblem(404, 'No such rectification', ['rectification-not-found'])
  @ApiProblem(409, 'Not OPEN', ['rectification-state-conflict'])
  respond(@Param() p: RectificationIdParams, @Body() body: RespondBody): Promise<RectificationDto> {
    return this.update.execute(p.id, { action: 'respond', body });
  }

  @Post(':id/follow-up')
  @HttpCode(200)
  @ApiOperation({ summary: 'The supervisor asked the applicant (回访): RESPONDED → FOLLOWED_UP' })
  @ApiOkResponse({ type: RectificationDto })
  @ApiProblem(400, 'Malformed', ['validation-error'])
  @ApiProblem(404, 'No such rectification', ['rectification-not-found'])
  @ApiProblem(409, 'Not RESPONDED', ['rectification-state-conflict'])
  followUp(@Param() p: RectificationIdParams, @Body() body: FollowUpBody): Promise<RectificationDto> {
    return this.update.execute(p.id, { action: 'follow-up', body });
  }

  @Post(':id/closure')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close it: RESPONDED or FOLLOWED_UP → CLOSED' })
  @ApiOkResponse({ type: RectificationDto })
  @ApiProblem(400, 'Malformed', ['validation-error'])
  @ApiProblem(404, 'No such rectification', ['rectification-not-found'])
  @ApiProblem(409, 'Not answered yet, or closed already', ['rectification-state-conflict'])
  close(@Param() p: RectificationIdParams, @Body() body: CloseBody): Promise<RectificationDto> {
    return this.update.execute(p.id, { action: 'close', body });
  }
}
