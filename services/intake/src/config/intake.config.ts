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
});
export type IntakeConfig = z.infer<typeof IntakeConfigSchema>;

export const loadIntakeConfig = (env: NodeJS.ProcessEnv = process.env): IntakeConfig => loadConfig(IntakeConfigSchema, env);
