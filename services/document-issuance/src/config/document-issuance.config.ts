import { BaseConfigSchema, loadConfig } from '@onewindow/platform';
import { z } from 'zod';

export const DocumentIssuanceConfigSchema = BaseConfigSchema.extend({
  HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(3004),
  /** Characters in a verification code; 12 from a 31-letter alphabet is about 59 bits, too many to guess. */
  VERIFICATION_CODE_LENGTH: z.coerce.number().int().min(10).max(32).default(12),
  /** Key-encryption key that seals the departments' private signing keys at rest. A secret: no default. */
  SIGNING_KEY_ENCRYPTION_KEY: z.string().min(32, 'must have at least 32 characters'),
  /** Public address of the verification endpoint, printed as the QR code on each document. */
  VERIFICATION_URL: z.string().url().default('http://127.0.0.1:3004/api/v1/verification'),
  /** A result still at the window after this many working days is flagged as not collected (未领取). */
  UNCOLLECTED_AFTER_WORKING_DAYS: z.coerce.number().int().min(1).max(365).default(60),
  /** How often each instance runs the sweep that flags them (the sweep is safe to run on several at once). */
  UNCOLLECTED_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(10).default(3600),
});
export type DocumentIssuanceConfig = z.infer<typeof DocumentIssuanceConfigSchema>;

export const loadDocumentIssuanceConfig = (env: NodeJS.ProcessEnv = process.env): DocumentIssuanceConfig =>
  loadConfig(DocumentIssuanceConfigSchema, env);
