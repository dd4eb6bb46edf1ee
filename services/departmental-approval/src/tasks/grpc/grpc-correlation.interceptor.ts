import { randomUUID } from 'node:crypto';
import type { Metadata } from '@grpc/grpc-js';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { runWithContext } from '@onewindow/platform';
import { Observable } from 'rxjs';
import { principalOfCall } from './department-caller';

const CORRELATION_KEY = 'x-correlation-id';
const REASON_KEY = 'x-audit-reason';

/** Why the officer acts, when the department system says so (printable, at most 500 characters). */
function auditReason(metadata: Metadata): string | undefined {
  const v = metadata.get(REASON_KEY)[0];
  if (typeof v !== 'string' || v.length > 500) return undefined;
  try {
    return decodeURIComponent(v).replace(/\p{Cc}/gu, ' ');
  } catch {
    return v;
  }
}

/**
 * Runs each call with the caller's `x-correlation-id` (or a new one), which logs and published
 * events carry, and with the officer the guard verified, whom the audit trail names.
 */
@Injectable()
export class GrpcCorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const metadata = context.switchToRpc().getContext<Metadata>();
    const given = metadata.get(CORRELATION_KEY)[0];
    const correlationId = typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    const causationId = `grpc:${randomUUID()}`;
    return new Observable((subscriber) =>
      runWithContext({ correlationId, causationId, principal: principalOfCall(metadata), reason: auditReason(metadata) }, () => next.handle().subscribe(subscriber)),
    );
  }
}
