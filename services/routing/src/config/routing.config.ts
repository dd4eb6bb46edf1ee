import { BaseConfigSchema, loadConfig } from '@onewindow/platform';
import { z } from 'zod';

export const RoutingConfigSchema = BaseConfigSchema.extend({
  HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(3002),
});
export type RoutingConfig = z.infer<typeof RoutingConfigSchema>;

export const loadRoutingConfig = (env: NodeJS.ProcessEnv = process.env): RoutingConfig =>
  loadConfig(RoutingConfigSchema, env);
