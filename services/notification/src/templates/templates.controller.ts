import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ProblemException } from '@onewindow/platform';
import type { FastifyReply } from 'fastify';
import {
  EventTypeParams,
  ListTemplatesQuery,
  PublishTemplateDto,
  TemplateKeyParams,
  TemplateVariablesDto,
  TemplateVersionDto,
  TemplateVersionParams,
} from './dto/template.dto';
import { listVariables } from './domain/template-variables';
import { TemplateRepository, type TemplateVersion } from './infrastructure/template.repository';
import { PublishTemplateUseCase } from './publish-template.usecase';
import { computedVariableNames, templateVariables } from './render-milestone';

@ApiTags('templates')
@Controller('api/v1/templates')
export class TemplatesController {
  constructor(
    private readonly publishTemplate: PublishTemplateUseCase,
    private readonly templates: TemplateRepository,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Publish the next version of a message template (event type, channel, locale)',
    description:
      'Checked on publishing: the Handlebars syntax parses and every variable exists for the event type. ' +
      'The next message of that event type, channel and locale uses it; earlier messages keep the version they were rendered with.',
  })
  @ApiCreatedResponse({ type: TemplateVersionDto })
  @ApiProblem(400, 'Malformed request', ['validation-error', 'malformed-json'])
  @ApiProblem(422, 'The template does not parse, or uses unknown variables or disallowed helpers', [
    'template-syntax-error',
    'template-unknown-variables',
    'template-unsupported',
  ])
  async publish(@Body() body: PublishTemplateDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<TemplateVersion> {
    const v = await this.publishTemplate.execute(body);
    void reply.header('location', `/api/v1/templates/${v.eventType}/${v.channel}/${v.locale}/versions/${v.version}`);
    return v;
  }

  @Get()
  @ApiOperation({ summary: 'The current version of every template' })
  @ApiOkResponse({ type: [TemplateVersionDto] })
  @ApiProblem(400, 'Invalid filter', ['validation-error'])
  list(@Query() q: ListTemplatesQuery): Promise<TemplateVersion[]> {
    return this.templates.listCurrent(q);
  }

  @Get('variables/:eventType')
  @ApiOperation({ summary: 'The variables a template of this event type may use' })
  @ApiOkResponse({ type: TemplateVariablesDto })
  @ApiProblem(400, 'Not an event type the service sends messages for', ['validation-error'])
  variables(@Param() p: EventTypeParams): TemplateVariablesDto {
    return {
      eventType: p.eventType,
      variables: listVariables(templateVariables(p.eventType)),
      computed: [...computedVariableNames(p.eventType)],
    };
  }

  @Get(':eventType/:channel/:locale/versions')
  @ApiOperation({ summary: 'Every version of one template, newest first' })
  @ApiOkResponse({ type: [TemplateVersionDto] })
  @ApiProblem(400, 'Unknown event type, channel or locale', ['validation-error'])
  versions(@Param() p: TemplateKeyParams): Promise<TemplateVersion[]> {
    return this.templates.versions(p);
  }

  @Get(':eventType/:channel/:locale/versions/:version')
  @ApiOperation({ summary: 'One version of a template' })
  @ApiOkResponse({ type: TemplateVersionDto })
  @ApiProblem(400, 'Unknown event type, channel or locale', ['validation-error'])
  @ApiProblem(404, 'No such version', ['template-version-not-found'])
  async version(@Param() p: TemplateVersionParams): Promise<TemplateVersion> {
    const v = await this.templates.find({ eventType: p.eventType, channel: p.channel, locale: p.locale }, p.version);
    if (!v) throw ProblemException.notFound('template-version', `${p.eventType}/${p.channel}/${p.locale}/${p.version}`);
    return v;
  }
}
