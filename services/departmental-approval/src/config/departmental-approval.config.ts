import { BaseConfigSchema, loadConfig, MIN_SECRET_LENGTH } from '@onewindow/platform';
import { z } from 'zod';

/** Token settings, shared with the mint-token command (which needs nothing else). */
export const AuthConfigSchema = z.object({
  /** HS256 secret shared with whoever mints department tokens. No default: a missing secret stops the start. */
  AUTH_JWT_SECRET: z.string().min(MIN_SECRET_LENGTH, `must have at least ${MIN_SECRET_LENGTH} characters`),
  AUTH_JWT_ISSUER: z.string().min(1).default('onewindow'),
  AUTH_JWT_AUDIENCE: z.string().min(1).default('department-queue'),
  AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
});
export type AuthConfig = z.infer<typeof AuthConfigSchema>;

export const DepartmentalApprovalConfigSchema = BaseConfigSchema.extend({
  /** Health and OpenAPI only: department systems use gRPC. */
  HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(3003),
  GRPC_HOST: z.string().min(1).default('127.0.0.1'),
  GRPC_PORT: z.coerce.number().int().min(1).max(65535).default(50051),
  /** Lease of a claim when ClaimTask names none. */
  CLAIM_LEASE_MINUTES: z.coerce.number().int().min(1).max(480).default(30),
  /** WatchQueue re-reads the queue log this often even without a Redis signal (lost messages, Redis restarts). */
  /** How often each instance returns claims whose lease ran out to the queue. */
  LEASE_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  /** How often each instance sends the deadline warnings that fell due. */
  DEADLINE_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** The yellow warning goes out this many working days before the promised deadline (承诺时限). */
  DEADLINE_YELLOW_WORKING_DAYS: z.coerce.number().int().min(0).max(30).default(1),
  /** TLS for the gRPC door: PEM files. With GRPC_TLS_CA, client certificates are required (mutual TLS)
   * and the department in the certificate (OU, or SAN URI urn:onewindow:department:<code>) must be the token's. */
  GRPC_TLS_CERT: z.string().min(1).optional(),
  GRPC_TLS_KEY: z.string().min(1).optional(),
  GRPC_TLS_CA: z.string().min(1).optional(),
  WATCH_POLL_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
}).extend(AuthConfigSchema.shape);
export type DepartmentalApprovalConfig = z.infer<typeof DepartmentalApprovalConfigSchema>;

export const loadDepartmentalApprovalConfig = (
  env: NodeJS.ProcessEnv = process.env,
): DepartmentalApprovalConfig => loadConfig(DepartmentalApprovalConfigSchema, env);
