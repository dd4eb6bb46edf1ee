import { ApiProblem } from '@onewindow/platform';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VerificationCodeParams, VerificationDto } from './dto/verification.dto';
import { VerifyDocumentUseCase } from './verify-document.usecase';

@ApiTags('verification')
@Controller('api/v1/verification')
export class VerificationController {
  constructor(private readonly verify: VerifyDocumentUseCase) {}

  // TODO(issue #6): the signed PDF and its QR code will point here; the signature check joins this answer.
  @Get(':code')
  @ApiOperation({
    summary: 'Check a document by the verification code printed on it (public)',
    description:
      'Anyone holding the code learns whether the document is authentic and in force; personal data is masked.',
  })
  @ApiOkResponse({ type: VerificationDto })
  @ApiProblem(400, 'Not a verification code', ['validation-error'])
  @ApiProblem(404, 'No document has this code', ['verification-code-unknown'])
  check(@Param() params: VerificationCodeParams): Promise<VerificationDto> {
    return this.verify.execute(params.code);
  }
}
