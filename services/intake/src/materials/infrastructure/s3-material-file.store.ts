import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { LOGGER } from '@onewindow/platform';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import type { IntakeConfig } from '../../config/intake.config';
import {
  FileStorageUnavailableError,
  type MaterialFile,
  MaterialFileIntegrityError,
  type MaterialFileMeta,
  type MaterialFileStore,
  objectKeyOf,
  s3ChecksumOf,
  type StoreTransaction,
  verifyContent,
} from '../domain/material-file-store';
import { MaterialFileEntity, metaOf } from './material-file.entity';
import { findFileRow, listFileRows } from './postgres-material-file.store';
import { classifyS3Error, describeS3Error } from './s3-errors';

export interface S3Settings {
  endpoint: string;
  bucket: string;
  accessKey: string;
  secretKey: string;
  region: string;
  forcePathStyle: boolean;
}

export function s3SettingsOf(c: IntakeConfig): S3Settings {
  return {
    endpoint: c.S3_ENDPOINT as string,
    bucket: c.S3_BUCKET as string,
    accessKey: c.S3_ACCESS_KEY as string,
    secretKey: c.S3_SECRET_KEY as string,
    region: c.S3_REGION,
    forcePathStyle: c.S3_FORCE_PATH_STYLE,
  };
}

export function createS3Client(s: S3Settings): S3Client {
  return new S3Client({
    endpoint: s.endpoint,
    region: s.region,
    forcePathStyle: s.forcePathStyle,
    credentials: { accessKeyId: s.accessKey, secretAccessKey: s.secretKey },
    // S3-compatible servers (MinIO, Ceph, older releases) do not all take the SDK's default CRC
    // trailers; we send our own SHA-256 with every object instead.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
}

/**
 * Material files in an S3-compatible bucket: the object carries the SHA-256 (x-amz-checksum-sha256,
 * which the server checks on upload, and as metadata), the row in PostgreSQL the metadata and key.
 * Files stored before the switch from PostgreSQL stay readable from their rows.
 */
@Injectable()
export class S3MaterialFileStore implements MaterialFileStore, OnModuleDestroy {
  readonly kind = 's3' as const;

  constructor(
    private readonly dataSource: DataSource,
    private readonly client: S3Client,
    private readonly bucket: string,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /** Fails the start when the bucket cannot be reached, rather than the first clerk's upload. */
  async checkBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (e) {
      throw new FileStorageUnavailableError(`S3 bucket ${this.bucket} is not reachable: ${describeS3Error(e)}`);
    }
  }

  async save(files: MaterialFile[], tx: StoreTransaction): Promise<void> {
    const put: MaterialFile[] = [];
    try {
      for (const f of files) {
        await this.client.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: objectKeyOf(f.caseId, f.id),
            Body: f.content,
            ContentType: f.contentType,
            ContentLength: f.sizeBytes,
            ChecksumSHA256: s3ChecksumOf(f.sha256),
            Metadata: { sha256: f.sha256, 'material-code': f.materialCode },
          }),
        );
        put.push(f);
      }
    } catch (e) {
      await this.discard(put);
      throw new FileStorageUnavailableError(`storing a file in S3 failed: ${describeS3Error(e)}`);
    }
    await (tx as EntityManager).insert(
      MaterialFileEntity,
      files.map(({ content: _content, ...meta }) => ({ ...meta, content: null, storage: 's3' as const, storageKey: objectKeyOf(meta.caseId, meta.id) })),
    );
  }

  async discard(files: MaterialFileMeta[]): Promise<void> {
    if (files.length === 0) return;
    try {
      await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: files.map((f) => ({ Key: objectKeyOf(f.caseId, f.id) })), Quiet: true },
        }),
      );
    } catch (e) {
      // Orphaned objects hold no case data anyone can reach (no row points at them); log for clean-up.
      this.log.error({ keys: files.map((f) => objectKeyOf(f.caseId, f.id)), error: describeS3Error(e) }, 'could not remove objects of a rolled-back upload');
    }
  }

  list(caseId: string): Promise<MaterialFileMeta[]> {
    return listFileRows(this.dataSource, caseId);
  }

  async get(caseId: string, id: string): Promise<MaterialFile | undefined> {
    const row = await findFileRow(this.dataSource, caseId, id);
    if (!row) return undefined;
    const meta = metaOf(row);
    let content: Buffer;
    if (row.storage === 'postgres' && row.content) content = row.content;
    else content = await this.fetch(id, row.storageKey ?? objectKeyOf(caseId, id));
    verifyContent(meta, content);
    return { ...meta, content };
  }

  private async fetch(id: string, key: string): Promise<Buffer> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!res.Body) throw new MaterialFileIntegrityError(id, 'the object has no content');
      return Buffer.from(await res.Body.transformToByteArray());
    } catch (e) {
      if (e instanceof MaterialFileIntegrityError) throw e;
      if (classifyS3Error(e) === 'missing') throw new MaterialFileIntegrityError(id, 'the object is missing from the bucket');
      throw new FileStorageUnavailableError(`reading ${key} from S3 failed: ${describeS3Error(e)}`);
    }
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }
}
