import { BaseConfigSchema, loadConfig } from '@onewindow/platform';
import { z } from 'zod';

export const IntakeConfigSchema = BaseConfigSchema.extend({
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /** Region code that prefixes case numbers when a request does not name one. */
  DEFAULT_REGION_CODE: z.string().regex(/^[0-9]{6}$/).default('420000'),
  /** How long a stored Idempotency-Key answer is kept. */
  IDEMPOTENCY_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),
  /** Largest material file (scan, PDF, photo) a clerk may upload. */
  /** Personal-data keyring and blind-index key (see FieldCipher); no default, as for every secret. */
  PII_KEYS: z.string().min(1),
  PII_INDEX_KEY: z.string().min(1),
  MATERIAL_FILE_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Files in one multipart create-with-files request (one per material). */
  MATERIAL_FILES_PER_REQUEST: z.coerce.number().int().min(1).max(100).default(20),
  /** Where material files' content lives: PostgreSQL (bytea beside the metadata) or an S3-compatible bucket. */
  FILE_STORAGE: z.enum(['postgres', 's3']).default('postgres'),
  /** S3-compatible endpoint, e.g. http://minio:9000; required with FILE_STORAGE=s3. */
  S3_ENDPOINT: z.string().url().refine((u) => /^https?:\/\//.test(u), 'S3_ENDPOINT must be http(s)').optional(),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'S3_BUCKET must be a valid bucket name').optional(),
  S3_ACCESS_KEY: z.string().min(1).optional(),
  S3_SECRET_KEY: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  /** Path-style URLs (endpoint/bucket/key), which MinIO and most S3-compatible servers expect. */
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
}).superRefine((c, ctx) => {
  if (c.FILE_STORAGE !== 's3') return;
  for (const key of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY', 'S3_SECRET_KEY'] as const)
    if (!c[key]) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required when FILE_STORAGE=s3` });
});
export type IntakeConfig = z.infer<typeof IntakeConfigSchema>;

export const loadIntakeConfig = (env: NodeJS.ProcessEnv = process.env): IntakeConfig => loadConfig(IntakeConfigSchema, env);
