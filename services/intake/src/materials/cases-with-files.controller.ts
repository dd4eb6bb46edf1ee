import { Controller, Headers, HttpStatus, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOperation, ApiProperty, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiProblem, CONFIG, ProblemException, strictValidationPipe } from '@onewindow/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { answer, checkKey } from '../cases/cases.controller';
import { CaseReceiptView, CreateCaseDto } from '../cases/cases.dto';
import type { IntakeConfig } from '../config/intake.config';
import { type CaseWithFiles, CreateCaseWithFilesUseCase } from './create-case-with-files.usecase';
import { MaterialFileView } from './material-files.controller';
import type { IncomingFile } from './material-file-rules';

export class CaseWithFilesView extends CaseReceiptView {
  @ApiProperty({ type: [MaterialFileView] }) files!: MaterialFileView[];
}

const MATERIAL_CODE = /^[A-Za-z0-9-]{1,64}$/;
const CASE_PART = 'case';

const badPart = (detail: string) => new ProblemException('invalid-multipart', 'The multipart request is not valid', HttpStatus.BAD_REQUEST, detail);

/** Multipart limits as problems; @fastify/multipart signals them with these error codes. */
function multipartProblem(e: unknown, maxFiles: number, maxBytes: number): unknown {
  const code = (e as { code?: string }).code;
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT')
    return new ProblemException('too-many-files', 'Too many files in one request', HttpStatus.PAYLOAD_TOO_LARGE, `at most ${maxFiles} files`, { maxFiles });
  if (code === 'FST_REQ_FILE_TOO_LARGE')
    return new ProblemException('file-too-large', 'The file is too large', HttpStatus.PAYLOAD_TOO_LARGE, `at most ${maxBytes} bytes per file`, { maxBytes });
  if (code === 'FST_FIELDS_LIMIT') return badPart(`only one field, "${CASE_PART}", is expected`);
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_MULTIPART_INVALID_CONTENT_TYPE') return badPart('not multipart/form-data');
  if (typeof code === 'string' && code.startsWith('FST_')) return badPart((e as Error).message);
  // busboy's own errors carry no code: a missing boundary or a truncated body is the caller's error.
  if (e instanceof Error && /multipart|boundary|part header|end of form/i.test(e.message)) return badPart(e.message);
  return e;
}

interface FilePart {
  type: 'file';
  fieldname: string;
  filename: string;
  file: { truncated: boolean };
  toBuffer(): Promise<Buffer>;
}
interface FieldPart {
  type: 'field';
  fieldname: string;
  value: unknown;
  valueTruncated: boolean;
}

@ApiTags('cases')
@ApiExtraModels(CreateCaseDto)
@Controller('api/v1/cases')
export class CasesWithFilesController {
  constructor(
    private readonly createWithFiles: CreateCaseWithFilesUseCase,
    @Inject(CONFIG) private readonly config: IntakeConfig,
  ) {}

  @Post('with-files')
  @ApiOperation({
    summary: '综合受理 with the materials\' files in one request (multipart/form-data), all or nothing',
    description:
      'Part `case`: the JSON body of POST /api/v1/cases. One file part per material, named by its code (e.g. `M-BL`), ' +
      'PDF, JPEG or PNG by content. Either the case and every file are stored, or nothing is. Idempotency-Key as for POST /api/v1/cases; ' +
      'a retry must bring the same files.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: [CASE_PART],
      properties: { [CASE_PART]: { $ref: getSchemaPath(CreateCaseDto) } },
      additionalProperties: { type: 'string', format: 'binary', description: 'a file, named by its material code' },
    },
    encoding: { [CASE_PART]: { contentType: 'application/json' } },
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry with the same key, body and files to get the first answer back' })
  @ApiCreatedResponse({ type: CaseWithFilesView })
  @ApiProblem(400, 'Not multipart, a bad part, or an invalid case body', ['invalid-multipart', 'validation-error', 'malformed-json', 'invalid-idempotency-key', 'matter-and-bundle'])
  @ApiProblem(403, 'The caller does not serve the region of the case', ['region-not-allowed'])
  @ApiProblem(413, 'A file over the size limit, or too many files', ['file-too-large', 'too-many-files'])
  @ApiProblem(415, 'A file is not a PDF, JPEG or PNG by its content', ['unsupported-file-type'])
  @ApiProblem(422, 'The case cannot be registered, or a file belongs to no listed material', [
    'invalid-id-number',
    'unknown-matter',
    'matter-retired',
    'matter-not-offered-here',
    'unknown-bundle',
    'bundle-retired',
    'bundle-not-offered-here',
    'bundle-matter-unavailable',
    'unknown-materials',
    'empty-file',
    'idempotency-key-reused',
  ])
  @ApiProblem(503, 'The file storage is not available; nothing was saved', ['file-storage-unavailable'])
  async create(
    @Req() req: FastifyRequest,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseWithFiles> {
    const idempotencyKey = checkKey(key);
    if (!req.isMultipart()) throw badPart('send multipart/form-data with a "case" part and one file part per material');
    const { body, files } = await this.readParts(req);
    const a = await this.createWithFiles.execute(body, files, this.config.MATERIAL_FILE_MAX_BYTES, idempotencyKey);
    void reply.header('location', `/api/v1/cases/${a.body.id}`);
    return answer(reply, a);
  }

  private async readParts(req: FastifyRequest): Promise<{ body: CreateCaseDto; files: IncomingFile[] }> {
    const maxFiles = this.config.MATERIAL_FILES_PER_REQUEST;
    let json: unknown;
    const files: IncomingFile[] = [];
    try {
      const parts = req.parts({
        limits: { fileSize: this.config.MATERIAL_FILE_MAX_BYTES, files: maxFiles, fields: 1, fieldSize: 256 * 1024, parts: maxFiles + 1 },
      }) as AsyncIterable<FilePart | FieldPart>;
      for await (const part of parts) {
        if (part.type === 'field') {
          if (part.fieldname !== CASE_PART) throw badPart(`unexpected field "${part.fieldname}"; the case goes in "${CASE_PART}"`);
          if (part.valueTruncated) throw badPart(`the "${CASE_PART}" part is too large`);
          json = part.value;
          continue;
        }
        if (!MATERIAL_CODE.test(part.fieldname)) throw badPart(`file part "${part.fieldname}" is not named by a material code`);
        if (files.some((f) => f.materialCode === part.fieldname)) throw badPart(`more than one file for material ${part.fieldname}`);
        const content = await part.toBuffer().catch((e: { code?: string }) => {
          if (e.code === 'FST_REQ_FILE_TOO_LARGE') return undefined;
          throw e;
        });
        files.push({
          materialCode: part.fieldname,
          fileName: part.filename || part.fieldname,
          content: content ?? Buffer.alloc(0),
          truncated: content === undefined || part.file.truncated,
        });
      }
    } catch (e) {
      throw multipartProblem(e, maxFiles, this.config.MATERIAL_FILE_MAX_BYTES);
    }
    if (json === undefined) throw badPart(`no "${CASE_PART}" part with the case as JSON`);
    let parsed: unknown;
    try {
      parsed = typeof json === 'string' ? JSON.parse(json) : json;
    } catch {
      throw new ProblemException('malformed-json', 'The case part is not valid JSON', HttpStatus.BAD_REQUEST);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw badPart(`the "${CASE_PART}" part must be a JSON object`);
    const body = (await strictValidationPipe().transform(parsed, { type: 'body', metatype: CreateCaseDto, data: '' })) as CreateCaseDto;
    return { body, files };
  }
}
