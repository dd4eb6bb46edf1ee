import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '@onewindow/platform';
import { ActiveApplicantsDto, EvaluationsDto, MeasureQuery, OverdueDto, SpeedDto, TargetsDto, VolumeDto } from './dto/measures.dto';
import {
  ActiveApplicantsUseCase,
  EvaluationsUseCase,
  OverdueUseCase,
  SpeedUseCase,
  TargetsUseCase,
  VolumeUseCase,
} from './measures.usecases';

@ApiTags('measures')
@Controller('api/v1/measures')
export class MeasuresController {
  constructor(
    private readonly volumeUc: VolumeUseCase,
    private readonly activeUc: ActiveApplicantsUseCase,
    private readonly speedUc: SpeedUseCase,
    private readonly overdueUc: OverdueUseCase,
    private readonly targetsUc: TargetsUseCase,
    private readonly evaluationsUc: EvaluationsUseCase,
  ) {}

  @Get('volume')
  @ApiOperation({ summary: 'Cases registered: by day, ISO week, month, department, matter, city, region and channel' })
  @ApiOkResponse({ type: VolumeDto })
  @ApiProblem(400, 'A filter is malformed', ['validation-error'])
  volume(@Query() q: MeasureQuery): Promise<VolumeDto> {
    return this.volumeUc.execute(q);
  }

  @Get('active-applicants')
  @ApiOperation({ summary: 'Distinct applicants per ISO week, natural and legal persons apart (一周法人活跃度)' })
  @ApiOkResponse({ type: ActiveApplicantsDto })
  @ApiProblem(400, 'A filter is malformed', ['validation-error'])
  activeApplicants(@Query() q: MeasureQuery): Promise<ActiveApplicantsDto> {
    return this.activeUc.execute(q);
  }

  @Get('speed')
  @ApiOperation({
    summary: 'Acceptance → decision and → handover in working days; shares within the promised and legal limits',
    description: 'Of the cases registered in the period; per department and matter too.',
  })
  @ApiOkResponse({ type: SpeedDto })
  @ApiProblem(400, 'A filter is malformed', ['validation-error'])
  speed(@Query() q: MeasureQuery): Promise<SpeedDto> {
    return this.speedUc.execute(q);
  }

  @Get('overdue')
  @ApiOperation({ summary: 'Tasks past their promised (RED) or legal (ESCALATION, 督办) deadline and still open now; from/to do not apply' })
  @ApiOkResponse({ type: OverdueDto })
  @ApiProblem(400, 'A filter is malformed', ['validation-error'])
  overdue(@Query() q: MeasureQuery): Promise<OverdueDto> {
    return this.overdueUc.execute(q);
  }

  @Get('targets')
  @ApiOperation({ summary: 'The reform’s targets: one visit (matters and cases), materials reused, comprehensive window, online' })
  @ApiOkResponse({ type: TargetsDto })
  @ApiProblem(400, 'A filter is malformed', ['validation-error'])
  targets(@Query() q: MeasureQuery): Promise<TargetsDto> {
    return this.targetsUc.execute(q);
  }

  @Get('evaluations')
  @ApiOperation({ summary: 'Evaluations (好差评) submitted in the period by score, and their rectifications by status' })
  @ApiOkResponse({ type: EvaluationsDto })
  @ApiProblem(400, 'A filter is malformed', ['validation-error'])
  evaluations(@Query() q: MeasureQuery): Promise<EvaluationsDto> {
    return this.evaluationsUc.execute(q);
  }
}
