import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { ApplyRuleSetUseCase } from './apply-rule-set.usecase';

/** `routing.rule-events.v1` (compacted): rule sets come into force here, in every deployment alike. */
@Controller()
export class RuleEventsConsumer {
  constructor(private readonly applyRuleSet: ApplyRuleSetUseCase) {}

  @EventPattern(EventTypes.RoutingRulePublished)
  async onRulePublished(@Payload() event: CloudEvent<typeof EventTypes.RoutingRulePublished>): Promise<void> {
    await this.applyRuleSet.execute(event);
  }
}
