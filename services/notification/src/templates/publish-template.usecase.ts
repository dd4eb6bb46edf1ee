import { HttpStatus, Injectable } from '@nestjs/common';
import { LOGGER, ProblemException } from '@onewindow/platform';
import { Inject } from '@nestjs/common';
import type { Logger } from 'pino';
import { checkTemplate } from './domain/template-check';
import type { PublishTemplateDto } from './dto/template.dto';
import { TemplateRepository, type TemplateVersion } from './infrastructure/template.repository';
import { templateVariables } from './render-milestone';

/**
 * Publishes the next version of a template after checking, at publish time, that subject and body
 * parse and use only variables the event type offers. The next message of that event type,
 * channel and locale is rendered with it.
 */
@Injectable()
export class PublishTemplateUseCase {
  constructor(
    private readonly templates: TemplateRepository,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async execute(cmd: PublishTemplateDto): Promise<TemplateVersion> {
    const vars = templateVariables(cmd.eventType);
    const checks = { subject: checkTemplate(cmd.subject, vars), body: checkTemplate(cmd.body, vars) };
    const syntax = Object.entries(checks).filter(([, c]) => c.syntaxError);
    if (syntax.length) {
      throw new ProblemException(
        'template-syntax-error',
        'The template does not parse',
        HttpStatus.UNPROCESSABLE_ENTITY,
        syntax.map(([part, c]) => `${part}: ${c.syntaxError}`).join('\n'),
        { errors: syntax.map(([part, c]) => ({ field: part, problems: [c.syntaxError] })) },
      );
    }
    const unknownVariables = [...new Set([...checks.subject.unknownVariables, ...checks.body.unknownVariables])].sort();
    if (unknownVariables.length) {
      throw new ProblemException(
        'template-unknown-variables',
        'The template uses variables this event type does not have',
        HttpStatus.UNPROCESSABLE_ENTITY,
        `unknown for ${cmd.eventType}: ${unknownVariables.join(', ')}`,
        { unknownVariables, eventType: cmd.eventType },
      );
    }
    const unsupported = [...new Set([...checks.subject.unsupported, ...checks.body.unsupported])].sort();
    if (unsupported.length) {
      throw new ProblemException(
        'template-unsupported',
        'The template uses helpers or partials that are not allowed',
        HttpStatus.UNPROCESSABLE_ENTITY,
        unsupported.join('; '),
        { unsupported },
      );
    }
    const published = await this.templates.publish(cmd, { subject: cmd.subject, body: cmd.body });
    this.log.info(
      { eventType: published.eventType, channel: published.channel, locale: published.locale, version: published.version },
      'template version published',
    );
    return published;
  }
}
