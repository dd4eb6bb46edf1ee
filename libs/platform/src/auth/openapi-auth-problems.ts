import type { OpenAPIObject } from '@nestjs/swagger';
import { problemExamples } from '../http/api-problem';
import { PROBLEM_CONTENT_TYPE } from '../http/problem';
import type { ServicePolicy } from './policy';

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
    for (const [method, op] of Object.entries(item as Record<string, { responses?: Responses }>)) {
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
