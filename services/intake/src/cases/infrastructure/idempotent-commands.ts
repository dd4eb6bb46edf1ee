import { createHash } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditTrail, ProblemException } from '@onewindow/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { IdempotencyKeyEntity } from './case.entities';

export interface StoredAnswer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/**
 * Runs a command in one transaction with its Idempotency-Key: a retried request (same scope, key
 * and body) gets the first answer back, also when both arrive at once; the same key with another
 * body is refused. A command that fails stores nothing, so a retry is evaluated afresh.
 */
@Injectable()
export class IdempotentCommands {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  run<T>(
    scope: string,
    key: string | undefined,
    request: unknown,
    status: number,
    work: (m: EntityManager) => Promise<T>,
  ): Promise<StoredAnswer<T>> {
    const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    return this.dataSource.transaction(async (m) => {
      if (key) {
        const stored = await this.storedAnswer<T>(m, scope, key, requestHash);
        if (stored) return stored;
      }
      const body = await work(m);
      if (key) {
        await m.query(
          'INSERT INTO idempotency_key (scope, key, request_hash, response_status, response_body) VALUES ($1, $2, $3, $4, $5::jsonb)',
          [scope, key, requestHash, status, JSON.stringify(body)],
        );
      }
      // Every change of a case is audited in the transaction that makes it. Last, because the audit
      // chain's lock is held until commit and serialises all of intake's writes: nothing else waits under it.
      const subjectId = (body as { id?: unknown }).id;
      await this.audit.record({ action: scope.replace(/\/[0-9A-HJKMNP-TV-Z]{26}(?=\/|$)/, '/:id'), subjectType: 'case', subjectId: typeof subjectId === 'string' ? subjectId : '-' }, m);
      return { status, body, replayed: false };
    });
  }

  /** Waits for a concurrent request with the same key, then answers as it did. */
  private async storedAnswer<T>(
    m: EntityManager,
    scope: string,
    key: string,
    requestHash: string,
  ): Promise<StoredAnswer<T> | undefined> {
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${scope}:${key}`]);
    const row = await m.findOneBy(IdempotencyKeyEntity, { scope, key });
    if (!row) return undefined;
    if (row.requestHash !== requestHash) {
      throw new ProblemException(
        'idempotency-key-reused',
        'This Idempotency-Key was used for a different request',
        HttpStatus.UNPROCESSABLE_ENTITY,
        'Use a new key for a new request; retry a request only with exactly the same body.',
      );
    }
    return { status: row.responseStatus, body: row.responseBody as T, replayed: true };
  }
}
