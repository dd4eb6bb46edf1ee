import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '@onewindow/platform';
import { SmsReceiptAnswerDto, SmsReceiptDto } from './dto/sms-receipt.dto';
import { RecordSmsReceiptUseCase } from './record-sms-receipt.usecase';

@ApiTags('sms')
@Controller('api/v1/sms/receipts')
export class SmsReceiptsController {
  constructor(private readonly recordReceipt: RecordSmsReceiptUseCase) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Delivery receipt callback of the SMS gateway',
    description:
      'Signed with the shared SMS_GATEWAY_KEY: X-Sms-Signature = hex HMAC-SHA256 of ' +
      '"<X-Sms-Timestamp>\\n<messageId>\\n<status>\\n<reportedAt>"; timestamps older than ' +
      'SMS_RECEIPT_TOLERANCE_MS (default 5 min) are refused. Repeated receipts are answered "duplicate".',
  })
  @ApiHeader({ name: 'X-Sms-Timestamp', required: true, description: 'Unix seconds' })
  @ApiHeader({ name: 'X-Sms-Signature', required: true })
  @ApiOkResponse({ type: SmsReceiptAnswerDto })
  @ApiProblem(400, 'Malformed receipt', ['validation-error'])
  @ApiProblem(401, 'Not signed by the gateway, or too old', ['invalid-receipt-signature'])
  @ApiProblem(404, 'No SMS with this message id, or no SMS channel', [
    'sms-message-not-found',
    'sms-not-configured',
  ])
  async receive(
    @Body() body: SmsReceiptDto,
    @Headers('x-sms-timestamp') timestamp?: string,
    @Headers('x-sms-signature') signature?: string,
  ): Promise<SmsReceiptAnswerDto> {
    const outcome = await this.recordReceipt.execute({
      receipt: {
        messageId: body.messageId,
        status: body.status,
        reportedAt: body.reportedAt,
        ...(body.errorCode ? { errorCode: body.errorCode } : {}),
      },
      timestamp,
      signature,
    });
    return { outcome };
  }
}
