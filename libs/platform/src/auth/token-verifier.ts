import { createPublicKey, type JsonWebKey as NodeJwk } from 'node:crypto';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JSONWebKeySet,
  type JWK,
  jwtVerify,
  type JWTVerifyGetKey,
} from 'jose';
import { LRUCache } from 'lru-cache';
import { AuthenticationError, MIN_SECRET_LENGTH, type VerifiedAccessToken } from './access-token';
import { type Principal, principalOf } from './principal';

export interface TokenVerifierSettings {
  issuer: string;
  audience: string;
  clockToleranceSeconds?: number;
  /** Allowed `alg` values; defaults to asymmetric ones when keys are configured, else HS256. */
  algorithms?: string[];
  /** HS256 secret for local use; ignored (and HS* refused) once asymmetric keys are configured. */
  secret?: string;
  jwksUrl?: string;
  /** A JWKS document (`{"keys":[…]}`), one JWK, or one or more PEM public keys. */
  publicKeys?: string;
}

/** How many verified tokens are remembered, and for how long at most (a removed JWKS key stops working within this time). */
const CACHE_ENTRIES = 10_000;
const CACHE_TTL_MS = 5 * 60_000;

const ASYMMETRIC_DEFAULT = ['RS256', 'PS256', 'ES256', 'EdDSA'];

function localKeySet(text: string): JWTVerifyGetKey {
  const trimmed = text.trim();
  let jwks: JSONWebKeySet;
  if (trimmed.startsWith('{')) {
    const parsed = JSON.parse(trimmed) as JSONWebKeySet | JWK;
    jwks = 'keys' in parsed ? parsed : { keys: [parsed] };
  } else {
    const pems = trimmed.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
    if (pems.length === 0) throw new RangeError('AUTH_PUBLIC_KEYS holds no JWKS, JWK or PEM public key');
    jwks = { keys: pems.map((pem) => createPublicKey(pem).export({ format: 'jwk' }) as NodeJwk as JWK) };
  }
  if (jwks.keys.some((k) => 'd' in k || k.kty === 'oct')) throw new RangeError('AUTH_PUBLIC_KEYS must hold public keys only');
  return createLocalJWKSet(jwks);
}

/**
 * The one token check of the whole system (REST guard, gRPC guard, tools): signature with an
 * allowed algorithm (never `none`; no HS* once asymmetric keys exist, which closes algorithm
 * confusion), issuer, audience, expiry with clock skew, subject.
 */
export class TokenVerifier {
  readonly algorithms: string[];
  private readonly key: Uint8Array | JWTVerifyGetKey;
  /**
   * Tokens already verified, by their exact text: a department system or a clerk's browser sends
   * the same token on every call, and the signature check was a measurable share of a queue
   * call's CPU (README, Performance). Expiry is checked again on every hit; failures are never cached.
   */
  private readonly verified = new LRUCache<string, VerifiedAccessToken>({ max: CACHE_ENTRIES, ttl: CACHE_TTL_MS });

  constructor(private readonly settings: TokenVerifierSettings) {
    const asymmetric = Boolean(settings.jwksUrl || settings.publicKeys);
    this.algorithms = settings.algorithms?.length ? settings.algorithms : asymmetric ? ASYMMETRIC_DEFAULT : ['HS256'];
    if (this.algorithms.some((a) => a.toLowerCase() === 'none')) throw new RangeError('the "none" algorithm is never allowed');
    if (asymmetric) {
      if (this.algorithms.some((a) => a.startsWith('HS')))
        throw new RangeError('HS* algorithms are refused when asymmetric keys are configured');
      this.key = settings.jwksUrl ? createRemoteJWKSet(new URL(settings.jwksUrl)) : localKeySet(settings.publicKeys ?? '');
    } else {
      if (!settings.secret || settings.secret.length < MIN_SECRET_LENGTH)
        throw new RangeError(`configure AUTH_JWKS_URL, AUTH_PUBLIC_KEYS or an AUTH_JWT_SECRET of ${MIN_SECRET_LENGTH}+ characters`);
      if (this.algorithms.some((a) => !a.startsWith('HS'))) throw new RangeError('a shared secret only verifies HS* algorithms');
      this.key = new TextEncoder().encode(settings.secret);
    }
  }

  async verify(token: string): Promise<VerifiedAccessToken> {
    const known = this.verified.get(token);
    if (known) {
      const toleranceMs = (this.settings.clockToleranceSeconds ?? 30) * 1000;
      if (known.expiresAt.getTime() + toleranceMs > Date.now()) return known;
      this.verified.delete(token);
      throw new AuthenticationError('TOKEN_EXPIRED', 'the token has expired');
    }
    const verified = await this.verifyUncached(token);
    this.verified.set(token, verified);
    return verified;
  }

  private async verifyUncached(token: string): Promise<VerifiedAccessToken> {
    const options = {
      algorithms: this.algorithms,
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      requiredClaims: ['exp', 'sub'],
      clockTolerance: this.settings.clockToleranceSeconds ?? 30,
    };
    try {
      const { payload } =
        this.key instanceof Uint8Array ? await jwtVerify(token, this.key, options) : await jwtVerify(token, this.key, options);
      const { sub, exp, ...rest } = payload;
      if (typeof sub !== 'string' || sub.length === 0 || typeof exp !== 'number') {
        throw new AuthenticationError('TOKEN_INVALID', 'the token has no subject or expiry');
      }
      return { subject: sub, expiresAt: new Date(exp * 1000), claims: rest };
    } catch (e) {
      throw authenticationErrorOf(e);
    }
  }

  async principal(token: string): Promise<Principal> {
    return principalOf(await this.verify(token));
  }
}

export function authenticationErrorOf(e: unknown): AuthenticationError {
  if (e instanceof AuthenticationError) return e;
  if (e instanceof errors.JWTExpired) return new AuthenticationError('TOKEN_EXPIRED', 'the token has expired');
  if (e instanceof errors.JWTClaimValidationFailed)
    return new AuthenticationError('TOKEN_INVALID', `the token's "${e.claim}" claim is not accepted`);
  if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid)
    return new AuthenticationError('TOKEN_MALFORMED', 'the token is not a well-formed JWT');
  // Bad signature, disallowed algorithm, unknown key, anything else: one answer, no detail.
  return new AuthenticationError('TOKEN_INVALID', 'the token is not valid');
}
