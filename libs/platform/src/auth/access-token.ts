import { errors, jwtVerify, SignJWT } from 'jose';

/**
 * Skeleton-level bearer tokens: HS256 JWTs signed with one shared secret. Issue #9 replaces them
 * with asymmetric keys from a JWKS and mTLS; callers only see `verifyAccessToken` and the claims.
 */
export interface AccessTokenSettings {
  /** Shared HMAC secret; at least 32 characters (RFC 7518 §3.2: the key must be as long as the hash). */
  secret: string;
  issuer: string;
  audience: string;
  /** Leeway for clock differences between the minting and the verifying machine. */
  clockToleranceSeconds?: number;
}

export interface MintAccessTokenInput {
  subject: string;
  /** Extra claims, e.g. `{ dept: '420100-SCJGJ' }`. Registered claim names are set from the other fields. */
  claims?: Record<string, string | number | boolean>;
  ttlSeconds: number;
  /** Issue time, for tests; defaults to now. */
  now?: Date;
}

export interface VerifiedAccessToken {
  subject: string;
  expiresAt: Date;
  claims: Record<string, unknown>;
}

export type AuthenticationFailure = 'TOKEN_MISSING' | 'TOKEN_MALFORMED' | 'TOKEN_EXPIRED' | 'TOKEN_INVALID';

/** The caller could not be authenticated. `message` is safe to return to the caller. */
export class AuthenticationError extends Error {
  constructor(
    readonly reason: AuthenticationFailure,
    message: string,
  ) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

export const MIN_SECRET_LENGTH = 32;
const ALGORITHM = 'HS256';
const REGISTERED_CLAIMS = new Set(['iss', 'aud', 'sub', 'exp', 'nbf', 'iat', 'jti']);

function keyOf(settings: AccessTokenSettings): Uint8Array {
  if (settings.secret.length < MIN_SECRET_LENGTH) {
    throw new RangeError(`the token secret must have at least ${MIN_SECRET_LENGTH} characters`);
  }
  return new TextEncoder().encode(settings.secret);
}

export async function mintAccessToken(
  settings: AccessTokenSettings,
  input: MintAccessTokenInput,
): Promise<string> {
  if (!input.subject) throw new RangeError('a token needs a subject');
  if (!Number.isInteger(input.ttlSeconds) || input.ttlSeconds <= 0)
    throw new RangeError('ttlSeconds must be a whole number > 0');
  const claims = input.claims ?? {};
  const clash = Object.keys(claims).find((k) => REGISTERED_CLAIMS.has(k));
  if (clash) throw new RangeError(`claim "${clash}" is set by mintAccessToken itself`);
  const issuedAt = Math.floor((input.now ?? new Date()).getTime() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setSubject(input.subject)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + input.ttlSeconds)
    .sign(keyOf(settings));
}

/**
 * Verifies signature (HS256 only: no `none`, no algorithm confusion), issuer, audience and expiry
 * (required). Throws AuthenticationError; never says more about a bad token than the caller needs.
 */
export async function verifyAccessToken(
  settings: AccessTokenSettings,
  token: string,
): Promise<VerifiedAccessToken> {
  const key = keyOf(settings);
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      issuer: settings.issuer,
      audience: settings.audience,
      requiredClaims: ['exp', 'sub'],
      clockTolerance: settings.clockToleranceSeconds ?? 30,
    });
    const { sub, exp, ...rest } = payload;
    if (typeof sub !== 'string' || sub.length === 0 || typeof exp !== 'number') {
      throw new AuthenticationError('TOKEN_INVALID', 'the token has no subject or expiry');
    }
    return { subject: sub, expiresAt: new Date(exp * 1000), claims: rest };
  } catch (e) {
    if (e instanceof AuthenticationError) throw e;
    if (e instanceof errors.JWTExpired)
      throw new AuthenticationError('TOKEN_EXPIRED', 'the token has expired');
    if (e instanceof errors.JWTClaimValidationFailed) {
      throw new AuthenticationError('TOKEN_INVALID', `the token's "${e.claim}" claim is not accepted`);
    }
    if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid) {
      throw new AuthenticationError('TOKEN_MALFORMED', 'the token is not a well-formed JWT');
    }
    // Bad signature, disallowed algorithm, anything else: one answer, no detail.
    throw new AuthenticationError('TOKEN_INVALID', 'the token is not valid');
  }
}

/** The token of an `Authorization: Bearer <token>` value (header or gRPC metadata). */
export function bearerToken(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new AuthenticationError('TOKEN_MISSING', 'an "authorization: Bearer <token>" entry is required');
  }
  const m = /^Bearer[ ]+([A-Za-z0-9_\-.=]+)\s*$/i.exec(value.trim());
  if (!m)
    throw new AuthenticationError('TOKEN_MALFORMED', 'the authorization entry must be "Bearer <token>"');
  return m[1];
}
