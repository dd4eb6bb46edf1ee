import { createHash } from 'node:crypto';
import type { MaterialContentType } from './content-type';

export interface MaterialFileMeta {
  id: string;
  caseId: string;
  materialCode: string;
  fileName: string;
  contentType: MaterialContentType;
  sizeBytes: number;
  /** Hex SHA-256 of the content, computed on upload, checked on every download and served with it. */
  sha256: string;
  uploadedAt: Date;
}

export interface MaterialFile extends MaterialFileMeta {
  content: Buffer;
}

/** Where the content lives: a bytea column beside the metadata, or an object in an S3-compatible bucket. */
export type FileStorageKind = 'postgres' | 's3';

/** The persistence transaction the metadata rows join (an EntityManager); opaque here. */
export type StoreTransaction = unknown;

/**
 * Where material files live. Metadata is always a row in intake's schema, written in the caller's
 * transaction, so a case and its files commit together. PostgreSQL keeps the content in that row;
 * the S3 adapter puts it under `cases/{caseId}/{fileId}` before the row, and `discard` removes it
 * again when the transaction does not commit.
 */
export interface MaterialFileStore {
  readonly kind: FileStorageKind;
  save(files: MaterialFile[], tx: StoreTransaction): Promise<void>;
  /** Undoes the content part of a save whose transaction rolled back; never throws. */
  discard(files: MaterialFileMeta[]): Promise<void>;
  list(caseId: string): Promise<MaterialFileMeta[]>;
  /** The file with its content, verified against its SHA-256 (MaterialFileIntegrityError otherwise). */
  get(caseId: string, id: string): Promise<MaterialFile | undefined>;
}

export const MATERIAL_FILE_STORE = Symbol('MaterialFileStore');

/** The stored content is not what was uploaded (changed or gone): it is never served. */
export class MaterialFileIntegrityError extends Error {
  override name = 'MaterialFileIntegrityError';
  constructor(
    readonly fileId: string,
    reason: string,
  ) {
    super(`material file ${fileId}: ${reason}`);
  }
}

/** The storage cannot be reached or refused the operation; retrying later may work. */
export class FileStorageUnavailableError extends Error {
  override name = 'FileStorageUnavailableError';
}

export const sha256Hex = (content: Uint8Array): string => createHash('sha256').update(content).digest('hex');

/** Throws unless the content is exactly what was uploaded. */
export function verifyContent(meta: MaterialFileMeta, content: Buffer): void {
  if (content.length !== meta.sizeBytes)
    throw new MaterialFileIntegrityError(meta.id, `size ${content.length} differs from the recorded ${meta.sizeBytes}`);
  if (sha256Hex(content) !== meta.sha256) throw new MaterialFileIntegrityError(meta.id, 'SHA-256 differs from the recorded one');
}

/** Object key of a file: one prefix per case, so a case's files can be listed or removed together. */
export function objectKeyOf(caseId: string, fileId: string): string {
  return `cases/${caseId}/${fileId}`;
}

/** S3's x-amz-checksum-sha256 is the base64 of the digest; we keep it in hex. */
export function s3ChecksumOf(sha256hex: string): string {
  return Buffer.from(sha256hex, 'hex').toString('base64');
}
