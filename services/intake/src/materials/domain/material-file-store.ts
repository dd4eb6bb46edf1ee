import type { MaterialContentType } from './content-type';

export interface MaterialFileMeta {
  id: string;
  caseId: string;
  materialCode: string;
  fileName: string;
  contentType: MaterialContentType;
  sizeBytes: number;
  /** Hex SHA-256 of the content, computed on upload and served with every download. */
  sha256: string;
  uploadedAt: Date;
}

export interface MaterialFile extends MaterialFileMeta {
  content: Buffer;
}

/**
 * Where material files live. PostgreSQL (a bytea table in intake's schema) by default; a province
 * that wants S3-compatible storage implements this port with an adapter that puts the content
 * under `cases/{caseId}/{id}` and keeps the metadata row in PostgreSQL — nothing else changes.
 */
export interface MaterialFileStore {
  save(file: MaterialFile): Promise<void>;
  list(caseId: string): Promise<MaterialFileMeta[]>;
  get(caseId: string, id: string): Promise<MaterialFile | undefined>;
}

export const MATERIAL_FILE_STORE = Symbol('MaterialFileStore');
