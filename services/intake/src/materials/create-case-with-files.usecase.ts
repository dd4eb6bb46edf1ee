import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ProblemException } from '@onewindow/platform';
import type { CreateCaseDto } from '../cases/cases.dto';
import { type CaseReceipt, CreateCaseUseCase, type StoredAnswer } from '../cases/create-case.usecase';
import { IdempotentCommands } from '../cases/infrastructure/idempotent-commands';
import { MATERIAL_FILE_STORE, type MaterialFile, type MaterialFileMeta, type MaterialFileStore, sha256Hex } from './domain/material-file-store';
import { checkedContentType, type IncomingFile, storageProblem } from './material-file-rules';
import { materialFileOf, metaOfFile } from './upload-material-file.usecase';

export interface CaseWithFiles extends CaseReceipt {
  files: MaterialFileMeta[];
}

const SCOPE = 'POST /api/v1/cases/with-files';

/**
 * A case and its materials' files in one request, all or nothing: the case, its events, the file
 * rows and the Idempotency-Key's answer commit in one transaction; content an object store took
 * before a failure is removed again. A retry with the same key and the same files gets the first
 * answer; the same key with another body or other files is refused.
 */
@Injectable()
export class CreateCaseWithFilesUseCase {
  constructor(
    private readonly commands: IdempotentCommands,
    private readonly createCase: CreateCaseUseCase,
    @Inject(MATERIAL_FILE_STORE) private readonly store: MaterialFileStore,
  ) {}

  async execute(cmd: CreateCaseDto, files: IncomingFile[], maxBytes: number, idempotencyKey?: string): Promise<StoredAnswer<CaseWithFiles>> {
    const listed = new Set(cmd.materials.map((m) => m.code));
    const unlisted = [...new Set(files.map((f) => f.materialCode).filter((c) => !listed.has(c)))];
    if (unlisted.length) {
      throw new ProblemException(
        'unknown-materials',
        'Files for materials the case does not list',
        HttpStatus.UNPROCESSABLE_ENTITY,
        `list each file's material in "materials": ${unlisted.join(', ')}`,
        { unknown: unlisted },
      );
    }
    for (const f of files) checkedContentType(f, maxBytes);
    // The files are part of the request: a retry must bring the same ones.
    const request = { case: cmd, files: files.map((f) => ({ code: f.materialCode, name: f.fileName, sha256: sha256Hex(f.content) })) };
    let stored: MaterialFile[] = [];
    try {
      return await this.commands.run(SCOPE, idempotencyKey, request, HttpStatus.CREATED, async (m) => {
        const receipt = await this.createCase.register(m, cmd);
        stored = files.map((f) => materialFileOf(receipt.id, f, maxBytes));
        await this.store.save(stored, m);
        return { ...receipt, files: stored.map(metaOfFile) };
      });
    } catch (e) {
      await this.store.discard(stored);
      throw storageProblem(e);
    }
  }
}
