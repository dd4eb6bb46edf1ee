import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * Starts OpenTelemetry tracing for a service. Imported as `@onewindow/platform/tracing` by a
 * service's `tracing.ts`, the first import of its main.ts: the instrumentations patch http, pg,
 * ioredis and grpc-js as they are loaded, so nothing of those may be loaded before.
 *
 * Off (returns undefined, loads nothing) unless OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set. The exporter is OTLP over HTTP/protobuf and reads
 * the standard OTEL_* variables (headers, sampler, resource attributes).
 */
export interface TracingHandle {
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  env?: NodeJS.ProcessEnv;
  /** Tests: span processors to use instead of the OTLP exporter (tracing starts even without an endpoint). */
  spanProcessors?: SpanProcessor[];
  /** Auto-instrumentation of http, pg, ioredis and grpc-js; default on. */
  instrumentations?: boolean;
}

export function startTracing(service: string, o: TracingOptions = {}): TracingHandle | undefined {
  const env = o.env ?? process.env;
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (!endpoint && !o.spanProcessors) return undefined;
  // Metrics are scraped by Prometheus and logs are pino JSON on stdout: the SDK exports traces only.
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  // Loaded here, not at the top, so a service without an endpoint never loads the SDK.
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const instrumentations =
    o.instrumentations === false
      ? []
      : [
          new (require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http')).HttpInstrumentation({
            // Probes and scrapes every few seconds would drown the traces that matter.
            ignoreIncomingRequestHook: (req) => /^\/(health|metrics)\b/.test(req.url ?? ''),
          }),
          new (require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg')).PgInstrumentation({
            requireParentSpan: true,
          }),
          new (require('@opentelemetry/instrumentation-ioredis') as typeof import('@opentelemetry/instrumentation-ioredis')).IORedisInstrumentation({
            requireParentSpan: true,
          }),
          new (require('@opentelemetry/instrumentation-grpc') as typeof import('@opentelemetry/instrumentation-grpc')).GrpcInstrumentation(),
        ];
  const traceExporter = o.spanProcessors
    ? undefined
    : new (require('@opentelemetry/exporter-trace-otlp-proto') as typeof import('@opentelemetry/exporter-trace-otlp-proto')).OTLPTraceExporter();
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? `onewindow-${service}`,
    ...(traceExporter ? { traceExporter } : { spanProcessors: o.spanProcessors }),
    instrumentations,
  });
  sdk.start();
  // Flush the spans still buffered when the service is told to stop (Nest closes the app alongside).
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void sdk.shutdown().catch(() => undefined));
  return { shutdown: () => sdk.shutdown() };
}
