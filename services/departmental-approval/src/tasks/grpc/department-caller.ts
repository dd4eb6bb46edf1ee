import type { Metadata, ServerUnaryCall } from '@grpc/grpc-js';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import {
  type AccessTokenSettings,
  AuthenticationError,
  bearerToken,
  type Principal,
  TOKEN_VERIFIER,
  type TokenVerifier,
} from '@onewindow/platform';
import type { AuthConfig } from '../../config/departmental-approval.config';

/** Who calls: an officer of one department, from the verified token. Never from a request field. */
export interface DepartmentCaller {
  officerId: string;
  departmentCode: string;
}

const callers = new WeakMap<Metadata, DepartmentCaller>();
const principals = new WeakMap<Metadata, Principal>();

/** Kept for callers of the skeleton's HS256 helpers (mint-token, tests). */
export function settingsOf(config: AuthConfig): AccessTokenSettings {
  return {
    secret: config.AUTH_JWT_SECRET,
    issuer: config.AUTH_JWT_ISSUER,
    audience: config.AUTH_JWT_AUDIENCE,
    clockToleranceSeconds: config.AUTH_CLOCK_TOLERANCE_SECONDS,
  };
}

/**
 * The department a client certificate speaks for: its subject's OU, or a SAN URI
 * `urn:onewindow:department:<code>`. Undefined when the call came without a certificate.
 */
export function certificateDepartment(call: unknown): string | undefined {
  const auth = (call as Partial<Pick<ServerUnaryCall<unknown, unknown>, 'getAuthContext'>> | undefined)?.getAuthContext?.();
  const cert = auth?.sslPeerCertificate;
  if (!cert || Object.keys(cert).length === 0) return undefined;
  const san = /URI:urn:onewindow:department:([\w.:-]{1,64})/.exec(cert.subjectaltname ?? '');
  if (san) return san[1];
  const ou = (cert.subject as unknown as Record<string, string | string[] | undefined>)?.['OU'];
  return Array.isArray(ou) ? ou[0] : ou;
}

/**
 * Every DepartmentQueueService call carries `authorization: Bearer <JWT>`, checked by the platform's
 * one TokenVerifier: an officer whose `department` (or the skeleton's `dept`) names the queue. Under
 * mutual TLS the certificate's department must be the token's. Anything else is UNAUTHENTICATED.
 */
@Injectable()
export class DepartmentCallerGuard implements CanActivate {
  constructor(@Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const metadata = context.switchToRpc().getContext<Metadata>();
    const values = metadata.get('authorization');
    if (values.length > 1)
      throw new AuthenticationError('TOKEN_MALFORMED', 'send exactly one authorization entry');
    const p = await this.verifier.principal(bearerToken(values[0]));
    if (!p.roles.includes('officer') || !p.department || !/^\S{1,64}$/.test(p.department)) {
      throw new AuthenticationError('TOKEN_INVALID', 'the token names no officer of a department ("department" claim)');
    }
    const fromCertificate = certificateDepartment(context.getArgByIndex(2));
    if (fromCertificate !== undefined && fromCertificate !== p.department) {
      throw new AuthenticationError('TOKEN_INVALID', "the token's department is not the client certificate's");
    }
    callers.set(metadata, { officerId: p.subject, departmentCode: p.department });
    principals.set(metadata, p);
    return true;
  }
}

/** The verified principal of this call, for the request context (audit trail, logs). */
export function principalOfCall(metadata: Metadata): Principal | undefined {
  return principals.get(metadata);
}

/** The caller the guard authenticated for this call. */
export function callerOf(metadata: Metadata | undefined): DepartmentCaller {
  const caller = metadata && callers.get(metadata);
  // Only reachable if a handler ran without the guard: a wiring mistake, not a client error.
  if (!caller) throw new Error('DepartmentCallerGuard did not run for this call');
  return caller;
}
