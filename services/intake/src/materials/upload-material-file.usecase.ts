import { createHash } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ProblemException } from '@onewindow/platform';
import { ulid } from 'ulid';
import { DataSource } from 'typeorm';
import { conflict } from '../cases/case-closure';
import { isClosed } from '../cases/domain/case-status';
import { CaseEntity } from '../cases/infrastructure/case.entities';
import { MATERIAL_CONTENT_TYPES, sniffContentType } from './domain/content-type';
import {
  MATERIAL_FILE_STORE,
  type MaterialFileMeta,
  type MaterialFileStore,
} from './domain/material-file-store';

export interface UploadMaterialFileCommand {
  caseId: string;
  materialCode: string;
  fileName: string;
  content: Buffer;
  /** The upload went past the size limit and was cut off. */
  truncated: boolean;
  maxBytes: number;
}

/** Stores a material's file (scan, PDF, photo) for a case, checked by size and by its real content type. */
@Injectable()
export class UploadMaterialFileUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(MATERIAL_FILE_STORE) private readonly store: MaterialFileStore,
  ) {}

  async execute(cmd: UploadMaterialFileCommand): Promise<MaterialFileMeta> {
    const c = await this.dataSource.getRepository(CaseEntity).findOneBy({ id: cmd.caseId });
    if (!c) throw ProblemException.notFound('case', cmd.caseId);
    if (isClosed(c.status)) throw conflict('case-closed', 'The case is closed', c);
    if (!c.materials.some((m) => m.code === cmd.materialCode)) {
      throw new ProblemException(
        'unknown-materials',
        'The material does not belong to this case',
        HttpStatus.UNPROCESSABLE_ENTITY,
        `not part of ${c.matterCode} v${c.matterVersion}: ${cmd.materialCode}`,
        { unknown: [cmd.materialCode] },
      );
    }
    if (cmd.truncated || cmd.content.length > cmd.maxBytes) {
      throw new ProblemException(
        'file-too-large',
        'The file is too large',
        HttpStatus.PAYLOAD_TOO_LARGE,
        `at most ${cmd.maxBytes} bytes`,
        { maxBytes: cmd.maxBytes },
      );
    }
    if (cmd.content.length === 0)
      throw new ProblemException('empty-file', 'The file is empty', HttpStatus.UNPROCESSABLE_ENTITY);
    const contentType = sniffContentType(cmd.content.subarray(0, 16));
    if (!contentType) {
      throw new ProblemException(
        'unsupported-file-type',
        'The file is not a PDF, JPEG or PNG',
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'the content was checked, not the name or the declared type',
        { accepted: MATERIAL_CONTENT_TYPES },
      );
    }
    const file = {
      id: ulid(),
      caseId: c.id,
      materialCode: cmd.materialCode,
      fileName: cmd.fileName.slice(0, 255),
      contentType,
      sizeBytes: cmd.content.length,
      sha256: createHash('sha256').update(cmd.content).digest('hex'),
      uploadedAt: new Date(),
      content: cmd.content,
    };
    await this.store.save(file);
    const { content: _content, ...meta } = file;
    return meta;
  }
}
