import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AuditTrail, ProblemException } from '@onewindow/platform';
import { monotonicFactory } from 'ulid';
import { DataSource } from 'typeorm';
import { assertCaseAccess } from '../cases/case-access';
import { conflict } from '../cases/case-closure';
import { isClosed } from '../cases/domain/case-status';
import { CaseEntity } from '../cases/infrastructure/case.entities';
import {
  MATERIAL_FILE_STORE,
  type MaterialFile,
  type MaterialFileMeta,
  type MaterialFileStore,
  sha256Hex,
} from './domain/material-file-store';
import { checkedContentType, type IncomingFile, storageProblem } from './material-file-rules';

export interface UploadMaterialFileCommand extends IncomingFile {
  caseId: string;
  maxBytes: number;
}

/** Monotonic within this process, so the files of one request list in the order they were sent. */
const fileId = monotonicFactory();

/** The stored form of a checked upload: a new id, its content type by magic bytes and its SHA-256. */
export function materialFileOf(caseId: string, f: IncomingFile, maxBytes: number): MaterialFile {
  const contentType = checkedContentType(f, maxBytes);
  return {
    id: fileId(),
    caseId,
    materialCode: f.materialCode,
    fileName: f.fileName.slice(0, 255),
    contentType,
    sizeBytes: f.content.length,
    sha256: sha256Hex(f.content),
    uploadedAt: new Date(),
    content: f.content,
  };
}

export const metaOfFile = ({ content: _content, ...meta }: MaterialFile): MaterialFileMeta => meta;

/** Stores a material's file (scan, PDF, photo) for an existing case, checked by size and by its real content type. */
@Injectable()
export class UploadMaterialFileUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(MATERIAL_FILE_STORE) private readonly store: MaterialFileStore,
    private readonly audit: AuditTrail,
  ) {}

  async execute(cmd: UploadMaterialFileCommand): Promise<MaterialFileMeta> {
    const c = assertCaseAccess(await this.dataSource.getRepository(CaseEntity).findOneBy({ id: cmd.caseId }), cmd.caseId);
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
    const file = materialFileOf(c.id, cmd, cmd.maxBytes);
    try {
      await this.dataSource.transaction(async (m) => {
        await this.store.save([file], m);
        await this.audit.record({ action: 'case.material-file.upload', subjectType: 'case', subjectId: c.id, details: { fileId: file.id, materialCode: file.materialCode, sha256: file.sha256 } }, m);
      });
    } catch (e) {
      await this.store.discard([file]);
      throw storageProblem(e);
    }
    return metaOfFile(file);
  }
}
