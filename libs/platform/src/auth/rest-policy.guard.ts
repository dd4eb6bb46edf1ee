import { type CanActivate, type ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { ProblemException } from '../http/problem';
import { REDIS } from '../redis/redis';
import { AuthenticationError, bearerToken } from './access-token';
import { decideRoute, type ServicePolicy } from './policy';
import type { Principal } from './principal';
import type { SecurityConfig } from './security-config';
import type { TokenVerifier } from './token-verifier';

export const SERVICE_POLICY = Symbol('SERVICE_POLICY');
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
export const SECURITY_CONFIG = Symbol('SECURITY_CONFIG');

const principals = new WeakMap<object, Principal>();

/** The principal the guard authenticated for this request (undefined when authentication is off). */
export function principalOfRequest(req: object): Principal | undefined {
  return principals.get(req);
}

/**
 * Authentication, route-level authorisation and the per-caller rate limit of every REST call, in
 * one place. Object-level checks (which case, which task) live in the use cases (see policy.ts).
 */
@Injectable()
export class RestPolicyGuard implements CanActivate {
  constructor(
    @Inject(SERVICE_POLICY) private readonly policy: ServicePolicy,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier | null,
    @Inject(SECURITY_CONFIG) private readonly config: SecurityConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || this.config.AUTH_REST === 'off' || !this.verifier) return true;
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const url = req.routeOptions.url ?? req.url;
    let principal: Principal | undefined;
    const header = req.headers.authorization;
    if (header !== undefined) {
      try {
        principal = await this.verifier.principal(bearerToken(header));
      } catch (e) {
        if (!(e instanceof AuthenticationError)) throw e;
        throw new ProblemException('unauthenticated', 'Authentication failed', HttpStatus.UNAUTHORIZED, e.message, { reason: e.reason });
      }
    }
    const d = decideRoute(this.policy, req.method, url, principal);
    if (!d.allowed) {
      if (d.status === 401) throw new ProblemException('unauthenticated', 'Authentication required', HttpStatus.UNAUTHORIZED, d.reason);
      throw new ProblemException('forbidden', 'Not allowed', HttpStatus.FORBIDDEN, d.reason);
    }
    if (principal) {
      principals.set(req, principal);
      await this.rateLimit(principal, context.switchToHttp().getResponse<FastifyReply>());
    }
    return true;
  }

  /** Fixed one-minute window per caller in Redis, shared by every instance of the service. */
  private async rateLimit(p: Principal, reply: FastifyReply): Promise<void> {
    const nowMs = Date.now();
    const window = Math.floor(nowMs / 60_000);
    const key = `ratelimit:${this.config.AUTH_JWT_AUDIENCE}:${p.subject}:${window}`;
    const [[, count]] = (await this.redis.multi().incr(key).expire(key, 61).exec()) as [[Error | null, number]];
    const limit = this.config.RATE_LIMIT_PER_MINUTE;
    void reply.header('ratelimit-limit', String(limit)).header('ratelimit-remaining', String(Math.max(0, limit - count)));
    if (count > limit) {
      const retryAfter = Math.max(1, Math.ceil(((window + 1) * 60_000 - nowMs) / 1000));
      void reply.header('retry-after', String(retryAfter));
      throw new ProblemException('too-many-requests', 'Too many requests', HttpStatus.TOO_MANY_REQUESTS, `at most ${limit} requests a minute; retry in ${retryAfter} s`, { retryAfter });
    }
  }
}
