import type { OpenAPIObject } from '@nestjs/swagger';
import { problemExamples } from '../http/api-problem';
import { PROBLEM_CONTENT_TYPE } from '../http/problem';
import type { ServicePolicy } from './policy';

type Operation = { responses?: Responses; security?: Array<Record<string, string[]>> };
type Content = Record<string, { schema?: unknown; examples?: Record<string, unknown> }>;
type Responses = Record<string, { description?: string; content?: Content }>;

const GUARD_PROBLEMS: [number, string, string][] = [
  [401, 'No valid bearer token', 'unauthenticated'],
  [403, 'The caller’s role or scopes do not allow this operation', 'forbidden'],
  [429, 'The caller’s rate limit is used up', 'too-many-requests'],
];

/**
 * The REST guard (rest-policy.guard.ts) answers every operation that its policy does not make
 * public with 401, 403 or 429 before any controller runs: documents those next to the operation's own.
 */
export function addGuardProblems(doc: OpenAPIObject, policy: ServicePolicy): void {
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/')) continue;
    const route = path.replace(/\{(\w+)\}/g, ':$1');
    for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
      if (!op.responses || policy[`${method.toUpperCase()} ${route}`]?.public) continue;
      for (const [status, description, slug] of GUARD_PROBLEMS) {
        const r = (op.responses[String(status)] ??= { description: `${description} (type: /problems/${slug})` });
        const media = ((r.content ??= {})[PROBLEM_CONTENT_TYPE] ??= { schema: { $ref: '#/components/schemas/ProblemDto' } });
        if (r.description && !r.description.includes(`/problems/${slug}`)) r.description += `; ${description.toLowerCase()} (type: /problems/${slug})`;
        media.examples = { ...media.examples, ...problemExamples(status, [slug]) };
      }
    }
  }
}

export const BEARER_SCHEME = 'bearer';

/**
 * Declares the bearer token the guard checks (a JWT: HS256 with the shared key, or from the
 * identity provider's keys) and marks each operation: the bearer scheme where the policy guards it,
 * none (`security: []`) where it is public, and on health, docs and metrics.
 */
export function addBearerSecurity(doc: OpenAPIObject, policy: ServicePolicy): void {
  doc.components ??= {};
  doc.components.securitySchemes = {
    ...doc.components.securitySchemes,
    [BEARER_SCHEME]: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'An access token in `Authorization: Bearer <token>`; its roles and scopes decide what the caller may do (docs/integrator-guide.md).',
    },
  };
  for (const [path, item] of Object.entries(doc.paths)) {
    const route = path.replace(/\{(\w+)\}/g, ':$1');
    for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
      if (!op.responses) continue;
      const guarded = path.startsWith('/api/') && !policy[`${method.toUpperCase()} ${route}`]?.public;
      op.security = guarded ? [{ [BEARER_SCHEME]: [] }] : [];
    }
  }
}
