import { ApiProblem } from '@onewindow/platform';
import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DocumentDto, DocumentIdParams } from '../documents/dto/document.dto';
import { HandoverRequestDto } from './dto/handover.dto';
import { HandOverDocumentUseCase } from './hand-over-document.usecase';

@ApiTags('documents')
@Controller('api/v1/documents')
export class HandoverController {
  constructor(private readonly handOver: HandOverDocumentUseCase) {}

  @Post(':id/handover')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Hand the result over: at the window (出件), by courier (邮寄送达) or electronically (电子送达)',
    description:
      'The holder collects with the ID card whose number matches the document; an agent with a written authorisation. ' +
      'COURIER records the company, tracking number and address; ELECTRONIC makes the signed PDF available through ' +
      'a secret download link. The handing clerk is the caller (the token subject). Publishes `document.handed-over`.',
  })
  @ApiOkResponse({
    type: DocumentDto,
    description: 'The document, now HANDED_OVER, with its handover record',
  })
  @ApiProblem(400, 'Invalid request', ['validation-error'])
  @ApiProblem(404, 'No such document', ['document-not-found'])
  @ApiProblem(409, 'Handed over already, or revoked', ['already-handed-over', 'document-revoked'])
  @ApiProblem(422, 'The collector may not take the document', [
    'collector-identity-mismatch',
    'agent-authorisation-required',
  ])
  handover(@Param() params: DocumentIdParams, @Body() body: HandoverRequestDto): Promise<DocumentDto> {
    return this.handOver.execute({
      documentId: params.id,
      method: body.method,
      collector: {
        name: body.collector.name,
        idNumber: body.collector.idNumber,
        role: body.collector.role,
        authorisationRef: body.collector.authorisationRef,
      },
      courier: body.courier,
    });
  }
}
