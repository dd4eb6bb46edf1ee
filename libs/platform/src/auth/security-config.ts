import { z } from 'zod';
import type { TokenVerifierSettings } from './token-verifier';

const list = (v: string | undefined) => (v ?? '').split(',').map((x) => x.trim()).filter(Boolean);

/** Authentication, rate-limit and personal-data key settings every service shares (part of BaseConfigSchema). */
export const SecurityConfigSchema = z.object({
  /** `enforce`: every API route needs a token and a policy rule. `off`: local experiments and legacy tests only. */
  AUTH_REST: z.enum(['enforce', 'off']).default('enforce'),
  AUTH_JWT_SECRET: z.string().min(32).optional(),
  AUTH_JWT_ISSUER: z.string().min(1).default('onewindow'),
  AUTH_JWT_AUDIENCE: z.string().min(1).default('onewindow'),
  AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  AUTH_JWKS_URL: z.string().url().optional(),
  /** A JWKS document, a JWK or PEM public key(s), inline. */
  AUTH_PUBLIC_KEYS: z.string().min(1).optional(),
  /** Comma-separated `alg` values; defaults depend on the keys (see TokenVerifier). */
  AUTH_ALGORITHMS: z.string().optional(),
  /** Requests per caller and minute on REST; over it → 429 with Retry-After. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
  /** Personal-data keyring: `kid:base64key,…`, the first is current (AES-256: 32-byte keys). */
  PII_KEYS: z.string().min(1).optional(),
  /** Key of the HMAC blind index (base64, 32 bytes); never rotated without re-indexing. */
  PII_INDEX_KEY: z.string().min(1).optional(),
});
export type SecurityConfig = z.infer<typeof SecurityConfigSchema>;

export function verifierSettingsOf(c: SecurityConfig): TokenVerifierSettings {
  return {
    issuer: c.AUTH_JWT_ISSUER,
    audience: c.AUTH_JWT_AUDIENCE,
    clockToleranceSeconds: c.AUTH_CLOCK_TOLERANCE_SECONDS,
    ...(c.AUTH_JWT_SECRET ? { secret: c.AUTH_JWT_SECRET } : {}),
    ...(c.AUTH_JWKS_URL ? { jwksUrl: c.AUTH_JWKS_URL } : {}),
    ...(c.AUTH_PUBLIC_KEYS ? { publicKeys: c.AUTH_PUBLIC_KEYS } : {}),
    ...(list(c.AUTH_ALGORITHMS).length ? { algorithms: list(c.AUTH_ALGORITHMS) } : {}),
  };
}
