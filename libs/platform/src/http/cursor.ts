import { HttpStatus } from '@nestjs/common';
import { ProblemException } from './problem';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** Opaque page cursor: the id of the last item seen. Ids are ULIDs, so they order by creation. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(`v1:${lastId}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = text.startsWith('v1:') ? text.slice(3) : '';
  if (!ULID.test(id)) {
    throw new ProblemException(
      'invalid-cursor',
      'The page cursor is not valid',
      HttpStatus.BAD_REQUEST,
      'Use the nextCursor of a previous page as it was given.',
    );
  }
  return id;
}
