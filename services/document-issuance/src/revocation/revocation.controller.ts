import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '@onewindow/platform';
import { DocumentDto, DocumentIdParams } from '../documents/dto/document.dto';
import { RevocationRequestDto } from './dto/revocation.dto';
import { RevokeDocumentUseCase } from './revoke-document.usecase';

@ApiTags('documents')
@Controller('api/v1/documents')
export class RevocationController {
  constructor(private readonly revoke: RevokeDocumentUseCase) {}

  @Post(':id/revocation')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Revoke a document (撤销) with a reason',
    description:
      'Verification answers REVOKED with the reason from then on. `revokedBy` is the caller (the token subject). ' +
      'Publishes `document.revoked`.',
  })
  @ApiOkResponse({ type: DocumentDto, description: 'The document, now REVOKED' })
  @ApiProblem(400, 'Invalid request', ['validation-error'])
  @ApiProblem(404, 'No such document', ['document-not-found'])
  @ApiProblem(409, 'Revoked already', ['already-revoked'])
  revocation(@Param() params: DocumentIdParams, @Body() body: RevocationRequestDto): Promise<DocumentDto> {
    return this.revoke.execute({ documentId: params.id, reason: body.reason });
  }
}
