import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { RouteCaseUseCase } from './route-case.usecase';
import { WithdrawPlanUseCase } from './withdraw-plan.usecase';

/** `intake.case-events.v1`: routing acts on acceptance and withdrawal; the other case events pass by unread. */
@Controller()
export class CaseEventsConsumer {
  constructor(
    private readonly routeCase: RouteCaseUseCase,
    private readonly withdrawPlan: WithdrawPlanUseCase,
  ) {}

  @EventPattern(EventTypes.CaseAccepted)
  async onCaseAccepted(@Payload() event: CloudEvent<typeof EventTypes.CaseAccepted>): Promise<void> {
    await this.routeCase.execute(event);
  }

  @EventPattern(EventTypes.CaseWithdrawn)
  async onCaseWithdrawn(@Payload() event: CloudEvent<typeof EventTypes.CaseWithdrawn>): Promise<void> {
    await this.withdrawPlan.execute(event);
  }
}
