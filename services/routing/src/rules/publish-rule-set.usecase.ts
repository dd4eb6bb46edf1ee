import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { EventTypes } from '@onewindow/contracts';
import { EventPublisher, LOGGER, ProblemException } from '@onewindow/platform';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { type Rule, ruleSetProblems } from './domain/routing-rules';
import { RulesRepository, rulesHash } from './infrastructure/rules.repository';

export interface PublishRuleSetCommand {
  matterCode: string;
  rules: Rule[];
  publishedBy: string;
}

export interface PublishRuleSetResult {
  matterCode: string;
  version: number;
  changed: boolean;
  rules: Rule[];
}

/** Keeps only the fields a rule has, in a fixed order, so equal rules hash equal. */
function normalise(r: Rule): Rule {
  return {
    regionCode: r.regionCode,
    ...(r.applicantKind ? { applicantKind: r.applicantKind } : {}),
    ...(r.matterVersionFrom !== undefined ? { matterVersionFrom: r.matterVersionFrom } : {}),
    ...(r.matterVersionTo !== undefined ? { matterVersionTo: r.matterVersionTo } : {}),
    stages: [...r.stages]
      .sort((a, b) => a.stage - b.stage)
      .map((s) => ({ stage: s.stage, completionRule: s.completionRule, departmentCodes: [...s.departmentCodes] })),
  };
}

/**
 * An operator (or the seeds) publishes a matter's rule set: validated as a whole, stored as a new
 * version, announced as `routing.rule-published` in the same transaction. It is in force once a routing
 * instance applies that event (seconds later), so every instance and a rebuilt database agree.
 */
@Injectable()
export class PublishRuleSetUseCase {
  private readonly log: Logger;

  constructor(
    private readonly dataSource: DataSource,
    private readonly rulesRepo: RulesRepository,
    private readonly events: EventPublisher,
    @Inject(LOGGER) log: Logger,
  ) {
    this.log = log.child({ usecase: 'publish-rule-set' });
  }

  async execute(cmd: PublishRuleSetCommand): Promise<PublishRuleSetResult> {
    const rules = cmd.rules.map(normalise);
    const result = await this.dataSource.transaction(async (tx) => {
      const unknown = await this.rulesRepo.unknownDepartments(
        tx,
        rules.flatMap((r) => r.stages.flatMap((s) => s.departmentCodes)),
      );
      const problems = ruleSetProblems(rules, { isKnownDepartment: (d) => !unknown.has(d) });
      if (problems.length) {
        throw new ProblemException(
          'invalid-routing-rules',
          'The routing rules are not valid',
          HttpStatus.UNPROCESSABLE_ENTITY,
          problems.join('; '),
          { problems },
        );
      }
      await this.rulesRepo.lockMatter(tx, cmd.matterCode);
      const latest = await this.rulesRepo.latestVersion(tx, cmd.matterCode);
      if (latest && latest.hash === rulesHash(rules))
        return { matterCode: cmd.matterCode, version: latest.version, changed: false, rules };
      const version = (latest?.version ?? 0) + 1;
      const publishedAt = new Date().toISOString();
      await this.rulesRepo.insertVersion(tx, { matterCode: cmd.matterCode, version, rules }, cmd.publishedBy, publishedAt);
      await this.events.publish(tx, EventTypes.RoutingRulePublished, cmd.matterCode, {
        matterCode: cmd.matterCode,
        version,
        rules,
        publishedBy: cmd.publishedBy,
        publishedAt,
      });
      return { matterCode: cmd.matterCode, version, changed: true, rules };
    });
    this.log.info({ matterCode: result.matterCode, version: result.version, changed: result.changed }, 'rule set published');
    return result;
  }
}
