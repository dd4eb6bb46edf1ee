import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '@onewindow/platform';
import { DocumentIdParams } from '../documents/dto/document.dto';
import { ElectronicTokenParams } from './dto/electronic-copy.dto';
import { RenderDocumentPdfUseCase } from './render-document-pdf.usecase';

const asPdf = ({ documentNo, pdf }: { documentNo: string; pdf: Buffer }): StreamableFile =>
  new StreamableFile(pdf, {
    type: 'application/pdf',
    disposition: `inline; filename="${documentNo}.pdf"`,
    length: pdf.length,
  });

@ApiTags('documents')
@Controller('api/v1')
export class DocumentPdfController {
  constructor(private readonly render: RenderDocumentPdfUseCase) {}

  @Get('electronic-copies/:token')
  @ApiOperation({
    summary:
      'The holder’s electronic copy (电子送达): the signed PDF behind the link an ELECTRONIC handover made',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblem(400, 'Not a link token', ['validation-error'])
  @ApiProblem(404, 'No electronic copy at this link', ['electronic-copy-not-found'])
  @ApiProblem(410, 'The document was revoked: the copy is gone', ['electronic-copy-revoked'])
  async electronicCopy(@Param() params: ElectronicTokenParams): Promise<StreamableFile> {
    return asPdf(await this.render.byElectronicToken(params.token));
  }

  @Get('documents/:id/pdf')
  @ApiOperation({
    summary: 'The printable document (PDF, A4) with its QR code and signature',
    description:
      'Chinese text in an embedded Noto Sans SC subset; the QR code holds the verification URL with kid and sig.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblem(400, 'The id is not a ULID', ['validation-error'])
  @ApiProblem(404, 'No such document', ['document-not-found'])
  async pdf(@Param() params: DocumentIdParams): Promise<StreamableFile> {
    return asPdf(await this.render.execute(params.id));
  }
}
