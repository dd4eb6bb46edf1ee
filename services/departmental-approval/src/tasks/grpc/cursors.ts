import { createHash } from 'node:crypto';
import { TaskRuleError } from '../domain/task-rule-error';
import type { QueuePosition } from '../list-tasks.usecase';

// Cursors and page tokens are opaque to clients: versioned base64url, checked on the way in.

const CURSOR_PREFIX = 'qe1.';

export function encodeQueueCursor(id: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`).toString('base64url');
}

/** The queue-log id in a WatchQueue cursor; null for an empty cursor ("from now on"). */
export function decodeQueueCursor(cursor: string): string | null {
  if (cursor === '') return null;
  const raw = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString() : '';
  const m = new RegExp(`^${CURSOR_PREFIX.replace('.', '\\.')}([0-9]{1,18})$`).exec(raw);
  if (!m) throw TaskRuleError.invalid('after_cursor', 'after_cursor is not a cursor this service issued');
  return m[1];
}

interface PageTokenBody {
  v: 1;
  /** Digest of the filters the token was issued for. */
  f: string;
  d: string;
  a: string;
  i: string;
}

export function filtersDigest(filters: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(filters)).digest('base64url').slice(0, 12);
}

export function encodePageToken(position: QueuePosition, filters: readonly string[]): string {
  const body: PageTokenBody = {
    v: 1,
    f: filtersDigest(filters),
    d: position.promisedDeadline,
    a: position.assignedAt.toISOString(),
    i: position.id,
  };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

export function decodePageToken(token: string, filters: readonly string[]): QueuePosition | null {
  if (token === '') return null;
  const invalid = () =>
    TaskRuleError.invalid('page_token', 'page_token is not a token this service issued for these filters');
  let body: Partial<PageTokenBody>;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString()) as Partial<PageTokenBody>;
  } catch {
    throw invalid();
  }
  if (
    body?.v !== 1 ||
    body.f !== filtersDigest(filters) ||
    typeof body.d !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}$/.test(body.d) ||
    typeof body.a !== 'string' ||
    Number.isNaN(Date.parse(body.a)) ||
    typeof body.i !== 'string' ||
    !/^[0-9A-HJKMNP-TV-Z]{26}$/.test(body.i)
  ) {
    throw invalid();
  }
  return { promisedDeadline: body.d, assignedAt: new Date(body.a), id: body.i };
}
