import { z } from 'zod';
import { SecurityConfigSchema } from '../auth/security-config';

/** Settings every service has. Each service extends this schema with its own. */
export const BaseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/onewindow'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Run pending migrations at start-up (under an advisory lock, so several instances are safe). */
  MIGRATIONS_RUN: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((v) => v.split(',').map((b) => b.trim()).filter(Boolean)),
  /** Prepended to every topic and consumer group: several environments (or test runs) can share one cluster. */
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[a-z0-9._-]*$/)
    .default(''),
  /**
   * Partitions whose events are handled at once (order within a partition, so within a case, is
   * kept). Each takes a database connection while it handles an event, beside the API's requests.
   */
  KAFKA_PARTITIONS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(3),
  HTTP_HOST: z.string().default('127.0.0.1'),
  HTTP_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /** Instance name in logs and Kafka client ids; several instances of one service share a consumer group. */
  INSTANCE_ID: z.string().default(`${process.pid}`),
  /** How often each instance samples its consumer group's lag and dead-letter topic size for /metrics. */
  METRICS_LAG_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
  /**
   * Tooling: write this service's OpenAPI document to the given file and exit, without touching
   * PostgreSQL, Redis or Kafka (`npm run docs:openapi`).
   */
  OPENAPI_EXPORT: z.string().min(1).optional(),
}).extend(SecurityConfigSchema.shape);
export type BaseConfig = z.infer<typeof BaseConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the environment once, at start-up. A service never reads process.env elsewhere:
 * it injects the typed result under the CONFIG token.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return result.data;
}

export const CONFIG = Symbol('CONFIG');
