import type { Metadata } from '@grpc/grpc-js';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import {
  type AccessTokenSettings,
  AuthenticationError,
  bearerToken,
  CONFIG,
  verifyAccessToken,
} from '@onewindow/platform';
import type { AuthConfig } from '../../config/departmental-approval.config';

/** Who calls: an officer of one department, from the verified token. Never from a request field. */
export interface DepartmentCaller {
  officerId: string;
  departmentCode: string;
}

const callers = new WeakMap<Metadata, DepartmentCaller>();

export function settingsOf(config: AuthConfig): AccessTokenSettings {
  return {
    secret: config.AUTH_JWT_SECRET,
    issuer: config.AUTH_JWT_ISSUER,
    audience: config.AUTH_JWT_AUDIENCE,
    clockToleranceSeconds: config.AUTH_CLOCK_TOLERANCE_SECONDS,
  };
}

/**
 * Every DepartmentQueueService call carries `authorization: Bearer <JWT>`; `sub` is the officer,
 * `dept` the department. Anything else is UNAUTHENTICATED before a handler runs.
 */
@Injectable()
export class DepartmentCallerGuard implements CanActivate {
  private readonly settings: AccessTokenSettings;

  constructor(@Inject(CONFIG) config: AuthConfig) {
    this.settings = settingsOf(config);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const metadata = context.switchToRpc().getContext<Metadata>();
    const values = metadata.get('authorization');
    if (values.length > 1)
      throw new AuthenticationError('TOKEN_MALFORMED', 'send exactly one authorization entry');
    const token = await verifyAccessToken(this.settings, bearerToken(values[0]));
    const dept = token.claims['dept'];
    if (typeof dept !== 'string' || !/^\S{1,64}$/.test(dept)) {
      throw new AuthenticationError('TOKEN_INVALID', 'the token names no department ("dept" claim)');
    }
    if (token.subject.length > 128)
      throw new AuthenticationError('TOKEN_INVALID', 'the token subject is too long');
    callers.set(metadata, { officerId: token.subject, departmentCode: dept });
    return true;
  }
}

/** The caller the guard authenticated for this call. */
export function callerOf(metadata: Metadata | undefined): DepartmentCaller {
  const caller = metadata && callers.get(metadata);
  // Only reachable if a handler ran without the guard: a wiring mistake, not a client error.
  if (!caller) throw new Error('DepartmentCallerGuard did not run for this call');
  return caller;
}
