import { ApiProblem } from '@onewindow/platform';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CaseIdParams, PlanDto } from './dto/plan.dto';
import { GetPlanUseCase } from './get-plan.usecase';

@ApiTags('plans')
@Controller('api/v1/plans')
export class PlansController {
  constructor(private readonly getPlan: GetPlanUseCase) {}

  @Get(':caseId')
  @ApiOperation({
    summary: "A case's dispatch plan",
    description:
      'Which departments decide the case, in which stage, what each decided and what the plan concluded.',
  })
  @ApiOkResponse({ type: PlanDto })
  @ApiProblem(400, 'The case id is not a ULID', ['validation-error'])
  @ApiProblem(404, 'Routing has no plan for this case: not accepted, or not routed yet', ['plan-not-found'])
  get(@Param() params: CaseIdParams): Promise<PlanDto> {
    return this.getPlan.execute(params.caseId);
  }
}
