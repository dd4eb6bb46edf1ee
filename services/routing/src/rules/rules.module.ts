import { Module } from '@nestjs/common';
import { GetRuleSetUseCase } from './get-rule-set.usecase';
import { RulesRepository } from './infrastructure/rules.repository';
import { PublishRuleSetUseCase } from './publish-rule-set.usecase';
import { RulesController } from './rules.controller';

@Module({
  controllers: [RulesController],
  providers: [RulesRepository, PublishRuleSetUseCase, GetRuleSetUseCase],
  exports: [RulesRepository, PublishRuleSetUseCase],
})
export class RulesModule {}
