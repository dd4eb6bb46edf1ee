import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  FileStorageUnavailableError,
  type MaterialFile,
  type MaterialFileMeta,
  type MaterialFileStore,
  type StoreTransaction,
  verifyContent,
} from '../domain/material-file-store';
import { MaterialFileEntity, metaOf } from './material-file.entity';

/** Metadata rows of either adapter; content only where this adapter keeps it. */
export async function findFileRow(dataSource: DataSource, caseId: string, id: string): Promise<MaterialFileEntity | undefined> {
  const row = await dataSource
    .getRepository(MaterialFileEntity)
    .createQueryBuilder('f')
    .addSelect('f.content')
    .where('f.id = :id AND f.case_id = :caseId', { id, caseId })
    .getOne();
  return row ?? undefined;
}

export async function listFileRows(dataSource: DataSource, caseId: string): Promise<MaterialFileMeta[]> {
  const rows = await dataSource.getRepository(MaterialFileEntity).find({ where: { caseId }, order: { id: 'ASC' } });
  return rows.map(metaOf);
}

/** The default MaterialFileStore: content in a bytea column beside its metadata, in the caller's transaction. */
@Injectable()
export class PostgresMaterialFileStore implements MaterialFileStore {
  readonly kind = 'postgres' as const;

  constructor(private readonly dataSource: DataSource) {}

  async save(files: MaterialFile[], tx: StoreTransaction): Promise<void> {
    if (files.length === 0) return;
    await (tx as EntityManager).insert(
      MaterialFileEntity,
      files.map((f) => ({ ...f, storage: 'postgres' as const, storageKey: null })),
    );
  }

  /** The rows rolled back with the transaction: nothing else to undo. */
  async discard(): Promise<void> {}

  list(caseId: string): Promise<MaterialFileMeta[]> {
    return listFileRows(this.dataSource, caseId);
  }

  async get(caseId: string, id: string): Promise<MaterialFile | undefined> {
    const row = await findFileRow(this.dataSource, caseId, id);
    if (!row) return undefined;
    if (row.storage !== 'postgres' || !row.content)
      throw new FileStorageUnavailableError(`file ${id} is kept in ${row.storage} storage; this instance uses postgres (FILE_STORAGE)`);
    const file = { ...metaOf(row), content: row.content };
    verifyContent(file, row.content);
    return file;
  }
}
