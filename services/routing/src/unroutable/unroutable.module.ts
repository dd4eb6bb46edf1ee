import { Module } from '@nestjs/common';
import { DispatchModule } from '../dispatch/dispatch.module';
import { RulesModule } from '../rules/rules.module';
import { ApplyRuleSetUseCase } from './apply-rule-set.usecase';
import { ListUnroutableUseCase } from './list-unroutable.usecase';
import { RetryUnroutableUseCase } from './retry-unroutable.usecase';
import { RuleEventsConsumer } from './rule-events.consumer';
import { UnroutableController } from './unroutable.controller';

@Module({
  imports: [DispatchModule, RulesModule],
  controllers: [UnroutableController, RuleEventsConsumer],
  providers: [ListUnroutableUseCase, RetryUnroutableUseCase, ApplyRuleSetUseCase],
})
export class UnroutableModule {}
