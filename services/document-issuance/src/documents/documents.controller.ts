import { ApiProblem } from '@onewindow/platform';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DocumentDto, DocumentIdParams, DocumentPageDto, ListDocumentsQuery } from './dto/document.dto';
import { GetDocumentUseCase } from './get-document.usecase';
import { ListDocumentsUseCase } from './list-documents.usecase';

@ApiTags('documents')
@Controller('api/v1/documents')
export class DocumentsController {
  constructor(
    private readonly listDocuments: ListDocumentsUseCase,
    private readonly getDocument: GetDocumentUseCase,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Result documents, oldest first; `status=READY_FOR_PICKUP` is what waits at the window',
  })
  @ApiOkResponse({ type: DocumentPageDto })
  @ApiProblem(400, 'Invalid filter, limit or cursor', ['validation-error', 'invalid-cursor'])
  list(@Query() query: ListDocumentsQuery): Promise<DocumentPageDto> {
    return this.listDocuments.execute(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One result document with its handover, if any' })
  @ApiOkResponse({ type: DocumentDto })
  @ApiProblem(400, 'The id is not a ULID', ['validation-error'])
  @ApiProblem(404, 'No such document', ['document-not-found'])
  get(@Param() params: DocumentIdParams): Promise<DocumentDto> {
    return this.getDocument.execute(params.id);
  }
}
