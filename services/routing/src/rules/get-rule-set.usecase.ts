import { Injectable } from '@nestjs/common';
import { ProblemException } from '@onewindow/platform';
import { DataSource } from 'typeorm';
import { RulesRepository } from './infrastructure/rules.repository';
import type { PublishRuleSetResult } from './publish-rule-set.usecase';

/** The latest published rule set of a matter, and whether routing already applies it. */
@Injectable()
export class GetRuleSetUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rulesRepo: RulesRepository,
  ) {}

  async execute(matterCode: string): Promise<PublishRuleSetResult & { inForce: boolean }> {
    const tx = this.dataSource.manager;
    const latest = await this.rulesRepo.latestVersion(tx, matterCode);
    const set = latest ? await this.rulesRepo.version(tx, matterCode, latest.version) : undefined;
    if (!set) throw ProblemException.notFound('routing-rules', matterCode);
    const inForce = await this.rulesRepo.inForce(tx, matterCode);
    return { matterCode, version: set.version, changed: false, rules: set.rules, inForce: inForce?.version === set.version };
  }
}
