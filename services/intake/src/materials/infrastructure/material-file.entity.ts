import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MaterialContentType } from '../domain/content-type';
import type { FileStorageKind, MaterialFileMeta } from '../domain/material-file-store';

@Entity('material_file')
export class MaterialFileEntity {
  @PrimaryColumn({ type: 'char', length: 26 }) id!: string;
  @Column({ name: 'case_id', type: 'char', length: 26 }) caseId!: string;
  @Column({ name: 'material_code' }) materialCode!: string;
  @Column({ name: 'file_name' }) fileName!: string;
  @Column({ name: 'content_type', type: 'text' }) contentType!: MaterialContentType;
  @Column({ name: 'size_bytes', type: 'int' }) sizeBytes!: number;
  @Column() sha256!: string;
  /** Only for storage = postgres. */
  @Column({ type: 'bytea', select: false, nullable: true }) content!: Buffer | null;
  @Column({ type: 'text', default: 'postgres' }) storage!: FileStorageKind;
  /** Only for storage = s3: the object's key in S3_BUCKET. */
  @Column({ name: 'storage_key', type: 'text', nullable: true }) storageKey!: string | null;
  @Column({ name: 'uploaded_at', type: 'timestamptz' }) uploadedAt!: Date;
}

export const META_COLUMNS = ['id', 'caseId', 'materialCode', 'fileName', 'contentType', 'sizeBytes', 'sha256', 'uploadedAt'] as const;

export function metaOf(e: MaterialFileEntity): MaterialFileMeta {
  return {
    id: e.id,
    caseId: e.caseId,
    materialCode: e.materialCode,
    fileName: e.fileName,
    contentType: e.contentType,
    sizeBytes: e.sizeBytes,
    sha256: e.sha256,
    uploadedAt: e.uploadedAt,
  };
}
