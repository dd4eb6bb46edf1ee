import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ApiExcludeController } from '@nestjs/swagger';
import { type CloudEvent, EventTypes } from '@onewindow/contracts';
import { IssueDocumentUseCase } from './issue-document.usecase';

@ApiExcludeController()
@Controller()
export class CaseDecidedConsumer {
  constructor(private readonly issueDocument: IssueDocumentUseCase) {}

  @EventPattern(EventTypes.CaseDecided)
  async onCaseDecided(@Payload() event: CloudEvent<typeof EventTypes.CaseDecided>): Promise<void> {
    await this.issueDocument.execute(event);
  }
}
