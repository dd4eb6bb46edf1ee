import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '@onewindow/platform';
import { MATERIAL_CONTENT_TYPES, type MaterialContentType, sniffContentType } from './domain/content-type';
import { FileStorageUnavailableError, MaterialFileIntegrityError } from './domain/material-file-store';

export interface IncomingFile {
  materialCode: string;
  fileName: string;
  content: Buffer;
  /** The upload went past the size limit and was cut off. */
  truncated: boolean;
}

/** Size and real content type (magic bytes, not the name or declared type) of one uploaded file. */
export function checkedContentType(f: IncomingFile, maxBytes: number): MaterialContentType {
  const which = { materialCode: f.materialCode, fileName: f.fileName };
  if (f.truncated || f.content.length > maxBytes) {
    throw new ProblemException('file-too-large', 'The file is too large', HttpStatus.PAYLOAD_TOO_LARGE, `${f.materialCode}: at most ${maxBytes} bytes`, {
      maxBytes,
      ...which,
    });
  }
  if (f.content.length === 0)
    throw new ProblemException('empty-file', 'The file is empty', HttpStatus.UNPROCESSABLE_ENTITY, `${f.materialCode}: no content`, which);
  const type = sniffContentType(f.content.subarray(0, 16));
  if (!type) {
    throw new ProblemException(
      'unsupported-file-type',
      'The file is not a PDF, JPEG or PNG',
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      `${f.materialCode}: the content was checked, not the name or the declared type`,
      { accepted: MATERIAL_CONTENT_TYPES, ...which },
    );
  }
  return type;
}

/** Storage failures as problems: an unreachable store is a 503 (try again), altered content a 500 that is never served. */
export function storageProblem(e: unknown): unknown {
  if (e instanceof FileStorageUnavailableError)
    return new ProblemException('file-storage-unavailable', 'The file storage is not available', HttpStatus.SERVICE_UNAVAILABLE, 'nothing was saved; try again later');
  if (e instanceof MaterialFileIntegrityError)
    return new ProblemException(
      'material-file-corrupted',
      'The stored file does not match its checksum',
      HttpStatus.INTERNAL_SERVER_ERROR,
      'the content changed or disappeared after upload; it is not served',
      { fileId: e.fileId },
    );
  return e;
}
