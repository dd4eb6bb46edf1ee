import { status } from '@grpc/grpc-js';
import { type ArgumentsHost, Catch, Inject, type RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import {
  AuthenticationError,
  grpcStatusError,
  type GrpcStatusError,
  InvalidGrpcRequestError,
  isTransientError,
  LOGGER,
} from '@onewindow/platform';
import type { Logger } from 'pino';
import { type Observable, throwError } from 'rxjs';
import { TaskRuleError } from '../domain/task-rule-error';
import { StreamInterruptedError } from '../watch-queue.usecase';

/** google.rpc.ErrorInfo domain of the DepartmentQueueService contract. */
export const ERROR_DOMAIN = 'approval.onewindow';

/** An RPC of the contract that this version does not serve yet. */
export class NotServedYetError extends Error {
  constructor(rpc: string, issue: number) {
    super(`${rpc} is part of the DepartmentQueueService contract but not served yet (issue #${issue})`);
    this.name = 'NotServedYetError';
  }
}

/** The request names an officer other than the one the token was issued to. */
export class OfficerMismatchError extends Error {
  constructor() {
    super('officer_id must be empty or the officer the token was issued to ("sub")');
    this.name = 'OfficerMismatchError';
  }
}

const RULE_STATUS: Record<TaskRuleError['kind'], status> = {
  'not-found': status.NOT_FOUND,
  precondition: status.FAILED_PRECONDITION,
  invalid: status.INVALID_ARGUMENT,
  'out-of-range': status.OUT_OF_RANGE,
  'already-exists': status.ALREADY_EXISTS,
};

// PostgreSQL: lock_not_available, query_canceled (statement or lock timeout).
const BUSY_CODES = new Set(['55P03', '57014']);

export function toGrpcError(e: unknown, log: Logger): GrpcStatusError | object {
  const info = (reason: string, metadata?: Record<string, string>) => ({
    reason,
    domain: ERROR_DOMAIN,
    metadata,
  });
  if (e instanceof TaskRuleError) {
    return grpcStatusError(
      RULE_STATUS[e.kind],
      e.message,
      info(e.reason, e.field ? { field: e.field } : undefined),
    );
  }
  if (e instanceof InvalidGrpcRequestError) return grpcStatusError(status.INVALID_ARGUMENT, e.message, info(e.reason));
  if (e instanceof AuthenticationError)
    return grpcStatusError(status.UNAUTHENTICATED, e.message, info(e.reason));
  if (e instanceof OfficerMismatchError)
    return grpcStatusError(status.PERMISSION_DENIED, e.message, info('OFFICER_MISMATCH'));
  if (e instanceof NotServedYetError)
    return grpcStatusError(status.UNIMPLEMENTED, e.message, info('NOT_SERVED_YET'));
  if (e instanceof StreamInterruptedError)
    return grpcStatusError(status.UNAVAILABLE, e.message, info('SERVER_SHUTTING_DOWN'));
  if (e instanceof RpcException) {
    const inner = e.getError();
    if (typeof inner === 'object' && inner !== null && typeof (inner as { code?: unknown }).code === 'number')
      return inner;
  }
  const code =
    (e as { driverError?: { code?: string }; code?: string }).driverError?.code ??
    (e as { code?: string }).code;
  if ((code && BUSY_CODES.has(code)) || isTransientError(e)) {
    log.warn({ err: e }, 'gRPC call failed on a transient error');
    return grpcStatusError(
      status.UNAVAILABLE,
      'temporarily unavailable; retry with back-off',
      info('TEMPORARILY_UNAVAILABLE'),
    );
  }
  log.error({ err: e }, 'gRPC call failed');
  return grpcStatusError(
    status.INTERNAL,
    'internal error; it was logged, nothing was changed half-way',
    info('INTERNAL'),
  );
}

/** Turns anything thrown by the DepartmentQueueService into a proper gRPC status; never leaks internals. */
@Catch()
export class DepartmentQueueErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(@Inject(LOGGER) private readonly log: Logger) {}

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    const error = toGrpcError(exception, this.log);
    return throwError(() => error);
  }
}
