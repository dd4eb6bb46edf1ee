import { startTracing } from '@onewindow/platform/tracing';

// The first import of main.ts: OpenTelemetry (when OTEL_EXPORTER_OTLP_ENDPOINT is set) must patch
// http, pg, ioredis and grpc-js before anything loads them.
startTracing('supervision');
