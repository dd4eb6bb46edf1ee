import { BaseConfigSchema, loadConfig } from '@onewindow/platform';
import { z } from 'zod';

export const DocumentIssuanceConfigSchema = BaseConfigSchema.extend({
  HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(3004),
  /** Characters in a verification code; 12 from a 31-letter alphabet is about 59 bits, too many to guess. */
  VERIFICATION_CODE_LENGTH: z.coerce.number().int().min(10).max(32).default(12),
});
export type DocumentIssuanceConfig = z.infer<typeof DocumentIssuanceConfigSchema>;

export const loadDocumentIssuanceConfig = (env: NodeJS.ProcessEnv = process.env): DocumentIssuanceConfig =>
  loadConfig(DocumentIssuanceConfigSchema, env);
