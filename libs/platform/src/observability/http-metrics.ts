import type { FastifyInstance } from 'fastify';
import type { ServiceMetrics } from './metrics';

/**
 * Times every HTTP request by its route template (`/api/v1/cases/:id`, never the concrete path),
 * so the label set stays as small as the route table; requests that matched no route share one label.
 */
export function instrumentHttp(fastify: FastifyInstance, metrics: ServiceMetrics): void {
  fastify.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe(
      { method: req.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
