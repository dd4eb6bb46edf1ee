import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '@onewindow/platform';
import { CaseIdParam } from '../cases/cases.dto';
import { type PrintedForm, PrintFormsUseCase } from './print-forms.usecase';

const pdfFile = ({ filename, pdf }: PrintedForm) =>
  new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="${filename}"`, length: pdf.length });
const PDF = { content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } } as const;

@ApiTags('cases')
@Controller('api/v1/cases')
export class PrintingController {
  constructor(private readonly forms: PrintFormsUseCase) {}

  @Get(':id/supplement-notice/pdf')
  @ApiOperation({ summary: '一次性告知书 to print and hand over: every missing material in one table' })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF)
  @ApiProblem(400, 'The id is not a ULID', ['validation-error'])
  @ApiProblem(404, 'No such case, or no notice was issued for it', ['case-not-found', 'supplement-notice-not-found'])
  async supplementNotice(@Param() p: CaseIdParam): Promise<StreamableFile> {
    return pdfFile(await this.forms.supplementNotice(p.id));
  }

  @Get(':id/receipt/pdf')
  @ApiOperation({ summary: '受理回执 to print and hand over: case number, matter, promised completion date, materials taken in' })
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF)
  @ApiProblem(400, 'The id is not a ULID', ['validation-error'])
  @ApiProblem(404, 'No such case', ['case-not-found'])
  @ApiProblem(409, 'The case has not been accepted (yet, or at all)', ['case-not-accepted'])
  async receipt(@Param() p: CaseIdParam): Promise<StreamableFile> {
    return pdfFile(await this.forms.receipt(p.id));
  }
}
