import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, currentPrincipal } from '@onewindow/platform';
import { GetRuleSetUseCase } from './get-rule-set.usecase';
import { PublishRuleSetUseCase } from './publish-rule-set.usecase';
import { MatterCodeParams, PublishRuleSetDto, RuleSetView } from './rules.dto';

@ApiTags('routing-rules')
@Controller('api/v1/routing-rules')
export class RulesController {
  constructor(
    private readonly publishRuleSet: PublishRuleSetUseCase,
    private readonly getRuleSet: GetRuleSetUseCase,
  ) {}

  @Put(':matterCode')
  @ApiOperation({
    summary: "Publish a new version of a matter's routing rules",
    description:
      'Replaces the whole rule set of the matter (or bundle member). Validated as a whole; a new version is ' +
      'stored and announced as routing.rule-published, in force as soon as routing applies it. Cases waiting ' +
      'in the unroutable queue for this matter are retried then.',
  })
  @ApiOkResponse({ type: RuleSetView })
  @ApiProblem(400, 'The body is malformed', ['validation-error'])
  @ApiProblem(422, 'Unknown department, bad region, gaps in stages, overlapping rules', ['invalid-routing-rules'])
  put(@Param() p: MatterCodeParams, @Body() body: PublishRuleSetDto): Promise<RuleSetView> {
    return this.publishRuleSet.execute({
      matterCode: p.matterCode,
      rules: body.rules,
      // The verified caller, never a body field (OWASP API3); `operator` when authentication is off.
      publishedBy: currentPrincipal()?.subject ?? 'operator',
    });
  }

  @Get(':matterCode')
  @ApiOperation({ summary: "A matter's latest routing rules and whether they are in force" })
  @ApiOkResponse({ type: RuleSetView })
  @ApiProblem(404, 'No rules were ever published for this matter', ['routing-rules-not-found'])
  get(@Param() p: MatterCodeParams): Promise<RuleSetView> {
    return this.getRuleSet.execute(p.matterCode);
  }
}
