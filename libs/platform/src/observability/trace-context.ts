import { type Context, context, propagation, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace, type TextMapGetter } from '@opentelemetry/api';
import type { IHeaders } from 'kafkajs';

/**
 * W3C trace context on Kafka, as the CloudEvents distributed-tracing extension carries it in
 * binary mode: `ce_traceparent` / `ce_tracestate` headers. With no OpenTelemetry SDK started the
 * API is a no-op: nothing is written, nothing is read, nothing costs.
 */
export const TRACEPARENT_HEADER = 'ce_traceparent';
export const TRACESTATE_HEADER = 'ce_tracestate';

export const tracer = () => trace.getTracer('onewindow-platform');

/** The active trace context as CloudEvents extension headers (empty when tracing is off or nothing is active). */
export function traceHeaders(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  const out: Record<string, string> = {};
  if (carrier.traceparent) out[TRACEPARENT_HEADER] = carrier.traceparent;
  if (carrier.tracestate) out[TRACESTATE_HEADER] = carrier.tracestate;
  return out;
}

type AnyHeaders = IHeaders | Record<string, string> | undefined;

const getter: TextMapGetter<AnyHeaders> = {
  keys: () => ['traceparent', 'tracestate'],
  get(headers, key) {
    const v = headers?.[key === 'traceparent' ? TRACEPARENT_HEADER : key === 'tracestate' ? TRACESTATE_HEADER : key];
    const one = Array.isArray(v) ? v[0] : v;
    return one === undefined || one === null ? undefined : Buffer.isBuffer(one) ? one.toString('utf8') : String(one);
  },
};

/** The trace context an event was written in, read back from its headers (the root context when there is none). */
export function contextFromHeaders(headers: AnyHeaders): Context {
  return propagation.extract(ROOT_CONTEXT, headers, getter);
}

/** Runs `fn` in a span of the given kind whose parent is `parent`; ends it, recording an error if `fn` throws. */
export async function inSpan<T>(
  name: string,
  kind: SpanKind,
  parent: Context,
  attributes: Record<string, string | number>,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(name, { kind, attributes }, parent, async (span) => {
    try {
      return await fn(span);
    } catch (e) {
      span.recordException(e as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
      throw e;
    } finally {
      span.end();
    }
  });
}

/** trace_id / span_id of the active span for log lines, so logs and traces join up. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const c = span.spanContext();
  return trace.isSpanContextValid(c) ? { traceId: c.traceId, spanId: c.spanId } : undefined;
}

export { SpanKind };
