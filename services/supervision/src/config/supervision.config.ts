import { BaseConfigSchema, loadConfig } from '@onewindow/platform';
import { z } from 'zod';

export const RANKING_COMPONENTS = ['timeliness', 'oneVisit', 'online', 'evaluation'] as const;
export type RankingComponent = (typeof RANKING_COMPONENTS)[number];
export type RankingWeights = Record<RankingComponent, number>;

/** `timeliness=0.4,oneVisit=0.2,…`: every component named once, non-negative, not all zero; normalised to sum 1. */
const RankingWeightsSchema = z
  .string()
  .default('timeliness=0.4,oneVisit=0.2,online=0.2,evaluation=0.2')
  .transform((raw, ctx): RankingWeights => {
    const weights: Partial<RankingWeights> = {};
    for (const part of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [key, value] = part.split('=').map((s) => s.trim());
      const n = Number(value);
      if (!(RANKING_COMPONENTS as readonly string[]).includes(key) || value === undefined || !Number.isFinite(n) || n < 0) {
        ctx.addIssue({ code: 'custom', message: `RANKING_WEIGHTS: "${part}" is not <${RANKING_COMPONENTS.join('|')}>=<number >= 0>` });
        return z.NEVER;
      }
      weights[key as RankingComponent] = n;
    }
    const missing = RANKING_COMPONENTS.filter((c) => weights[c] === undefined);
    if (missing.length) {
      ctx.addIssue({ code: 'custom', message: `RANKING_WEIGHTS must name ${missing.join(', ')}` });
      return z.NEVER;
    }
    const total = RANKING_COMPONENTS.reduce((s, c) => s + (weights[c] ?? 0), 0);
    if (total <= 0) {
      ctx.addIssue({ code: 'custom', message: 'RANKING_WEIGHTS must not all be zero' });
      return z.NEVER;
    }
    return Object.fromEntries(RANKING_COMPONENTS.map((c) => [c, (weights[c] ?? 0) / total])) as RankingWeights;
  });

export const SupervisionConfigSchema = BaseConfigSchema.extend({
  HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(3006),
  /** Signs the per-case evaluation links (shared with notification). A secret: no default. */
  EVALUATION_SECRET: z.string({ error: 'EVALUATION_SECRET is required' }).min(32, 'EVALUATION_SECRET must have at least 32 characters'),
  /** Public address of this service, the base of the evaluation links. */
  PUBLIC_BASE_URL: z.string().url().default('http://127.0.0.1:3006'),
  RECTIFICATION_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(15),
  RANKING_WEIGHTS: RankingWeightsSchema,
  /** Where regions.json and departments.json are (names, and the city each county belongs to). */
  SEEDS_DIR: z.string().min(1).default('seeds'),
});
export type SupervisionConfig = z.infer<typeof SupervisionConfigSchema>;

export const loadSupervisionConfig = (env: NodeJS.ProcessEnv = process.env): SupervisionConfig =>
  loadConfig(SupervisionConfigSchema, env);
