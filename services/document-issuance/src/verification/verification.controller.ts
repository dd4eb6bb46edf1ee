import { ApiProblem } from '@onewindow/platform';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VerificationCodeParams, VerificationDto, VerificationQuery } from './dto/verification.dto';
import { VerifyDocumentUseCase } from './verify-document.usecase';

@ApiTags('verification')
@Controller('api/v1/verification')
export class VerificationController {
  constructor(private readonly verify: VerifyDocumentUseCase) {}

  @Get(':code')
  @ApiOperation({
    summary: 'Check a document by its verification code, or by the QR code printed on it (public)',
    description:
      'The QR code holds this URL with `kid` and `sig`: the presented signature is checked against the document on ' +
      'record. The answer says VALID, EXPIRED, REVOKED or FORGED with a reason; personal data is masked.',
  })
  @ApiOkResponse({ type: VerificationDto })
  @ApiProblem(400, 'Not a verification code, or a malformed QR signature', ['validation-error'])
  @ApiProblem(404, 'No document has this code', ['verification-code-unknown'])
  check(
    @Param() params: VerificationCodeParams,
    @Query() query: VerificationQuery,
  ): Promise<VerificationDto> {
    return this.verify.execute({ code: params.code, presented: { kid: query.kid, sig: query.sig } });
  }
}
