import { randomUUID } from 'node:crypto';
import type { Metadata } from '@grpc/grpc-js';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { runWithContext } from '@onewindow/platform';
import { Observable } from 'rxjs';

const CORRELATION_KEY = 'x-correlation-id';

/** Runs each call with the caller's `x-correlation-id` (or a new one), which logs and published events carry. */
@Injectable()
export class GrpcCorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const given = context.switchToRpc().getContext<Metadata>().get(CORRELATION_KEY)[0];
    const correlationId = typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    const causationId = `grpc:${randomUUID()}`;
    return new Observable((subscriber) =>
      runWithContext({ correlationId, causationId }, () => next.handle().subscribe(subscriber)),
    );
  }
}
