import { Controller, Get, HttpStatus, Inject, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblem, CONFIG, ProblemException } from '@onewindow/platform';
import { Matches } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IntakeConfig } from '../config/intake.config';
import type { MaterialFileMeta } from './domain/material-file-store';
import { ReadMaterialFilesUseCase } from './read-material-files.usecase';
import { UploadMaterialFileUseCase } from './upload-material-file.usecase';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export class CaseMaterialParam {
  @ApiProperty() @Matches(ULID, { message: 'id must be a ULID' }) id!: string;
  @ApiProperty({ example: 'M-BL' }) @Matches(/^[A-Za-z0-9-]{1,64}$/) code!: string;
}

export class CaseFileParam {
  @ApiProperty() @Matches(ULID, { message: 'id must be a ULID' }) id!: string;
  @ApiProperty() @Matches(ULID, { message: 'fileId must be a ULID' }) fileId!: string;
}

export class CaseIdOnlyParam {
  @ApiProperty() @Matches(ULID, { message: 'id must be a ULID' }) id!: string;
}

export class MaterialFileView {
  @ApiProperty() id!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty() materialCode!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({
    enum: ['application/pdf', 'image/jpeg', 'image/png'],
    description: 'Found from the content, not from the name',
  })
  contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'Hex SHA-256 of the content' }) sha256!: string;
  @ApiProperty() uploadedAt!: Date;
}

interface MultipartFile {
  filename: string;
  file: { truncated: boolean };
  toBuffer(): Promise<Buffer>;
}

@ApiTags('cases')
@Controller('api/v1/cases/:id')
export class MaterialFilesController {
  constructor(
    private readonly upload: UploadMaterialFileUseCase,
    private readonly read: ReadMaterialFilesUseCase,
    @Inject(CONFIG) private readonly config: IntakeConfig,
  ) {}

  @Post('materials/:code/files')
  @ApiOperation({
    summary: "Upload a material's file (PDF, JPEG or PNG), with the case or later; stored with its SHA-256",
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({ type: MaterialFileView })
  @ApiProblem(400, 'Not a multipart upload with one file', ['validation-error', 'file-missing'])
  @ApiProblem(404, 'No such case', ['case-not-found'])
  @ApiProblem(409, 'The case is closed', ['case-closed'])
  @ApiProblem(413, 'Over the size limit', ['file-too-large'])
  @ApiProblem(415, 'The content is not a PDF, JPEG or PNG', [
    'unsupported-file-type',
    'unsupported-media-type',
  ])
  @ApiProblem(422, 'Empty, or a material of another matter', ['empty-file', 'unknown-materials'])
  @ApiProblem(503, 'The file storage is not available; nothing was saved', ['file-storage-unavailable'])
  async create(
    @Param() p: CaseMaterialParam,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MaterialFileMeta> {
    if (!req.isMultipart()) {
      throw new ProblemException(
        'file-missing',
        'Send the file as multipart/form-data',
        HttpStatus.BAD_REQUEST,
        'one part named "file"',
      );
    }
    const part = (await req.file({ limits: { fileSize: this.config.MATERIAL_FILE_MAX_BYTES, files: 1 } }).catch((e: unknown) => {
      // busboy's own errors carry no code: a missing boundary or a truncated body is the caller's error.
      if (e instanceof Error && /multipart|boundary|part header|end of form/i.test(e.message)) {
        throw new ProblemException('file-missing', 'The multipart body is malformed', HttpStatus.BAD_REQUEST, e.message);
      }
      throw e;
    })) as MultipartFile | undefined;
    if (!part)
      throw new ProblemException(
        'file-missing',
        'No file in the upload',
        HttpStatus.BAD_REQUEST,
        'one part named "file"',
      );
    const content = await part.toBuffer().catch((e: { code?: string }) => {
      if (e.code === 'FST_REQ_FILE_TOO_LARGE') return undefined;
      throw e;
    });
    const meta = await this.upload.execute({
      caseId: p.id,
      materialCode: p.code,
      fileName: part.filename || 'file',
      content: content ?? Buffer.alloc(0),
      truncated: content === undefined || part.file.truncated,
      maxBytes: this.config.MATERIAL_FILE_MAX_BYTES,
    });
    void reply.status(HttpStatus.CREATED).header('location', `/api/v1/cases/${p.id}/files/${meta.id}`);
    return meta;
  }

  @Get('files')
  @ApiOperation({ summary: "The case's material files (metadata)" })
  @ApiOkResponse({ type: [MaterialFileView] })
  @ApiProblem(400, 'The id is not a ULID', ['validation-error'])
  @ApiProblem(404, 'No such case', ['case-not-found'])
  list(@Param() p: CaseIdOnlyParam): Promise<MaterialFileMeta[]> {
    return this.read.list(p.id);
  }

  @Get('files/:fileId')
  @ApiOperation({ summary: 'Download a material file, checked against its SHA-256 (also in the `digest` header)' })
  @ApiOkResponse({ description: 'The content, with its content type' })
  @ApiProblem(400, 'An id is not a ULID', ['validation-error'])
  @ApiProblem(404, 'No such case, or no such file on it', ['case-not-found', 'material-file-not-found'])
  @ApiProblem(500, 'The stored content no longer matches its SHA-256; it is not served', ['material-file-corrupted'])
  @ApiProblem(503, 'The file storage is not available', ['file-storage-unavailable'])
  async download(@Param() p: CaseFileParam, @Res() reply: FastifyReply): Promise<void> {
    const f = await this.read.download(p.id, p.fileId);
    await reply
      .status(200)
      .header('content-type', f.contentType)
      .header('content-length', String(f.sizeBytes))
      .header('digest', `sha-256=${Buffer.from(f.sha256, 'hex').toString('base64')}`)
      .header('etag', `"${f.sha256}"`)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
      .send(f.content);
  }
}
