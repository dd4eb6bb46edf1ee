import { Writable } from 'node:stream';
import { Controller, Inject, Module } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { type CloudEvent, EventTypes, ServiceNames, Topics } from '@onewindow/contracts';
import {
  BaseConfigSchema,
  bootstrapService,
  createLogger,
  createPlatformTables,
  EventPublisher,
  LOGGER,
  loadConfig,
  PlatformModule,
  type RunningService,
  runWithContext,
} from '@onewindow/platform';
import { startTracing, type TracingHandle } from '@onewindow/platform/tracing';
import { createTestDatabase, EventProbe, eventually, serviceEnv, uniqueTopicPrefix } from '@onewindow/testing';
import { SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Logger } from 'pino';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DataSource } from 'typeorm';
import { ulid } from 'ulid';

jest.setTimeout(90_000);

class PlatformTables1700000000000 implements MigrationInterface {
  name = 'PlatformTables1700000000000';
  async up(q: QueryRunner): Promise<void> {
    await createPlatformTables(q);
  }
  async down(): Promise<void> {}
}

interface Seen {
  traceId: string;
  spanId: string;
}
const handled: Seen[] = [];

/** A consumer as every service has one: it logs while handling, as use cases do. */
@Controller()
class AcceptedConsumer {
  constructor(@Inject(LOGGER) private readonly log: Logger) {}

  @EventPattern(EventTypes.CaseAccepted)
  onAccepted(event: CloudEvent<'case.accepted'>): void {
    const c = trace.getActiveSpan()!.spanContext();
    handled.push({ traceId: c.traceId, spanId: c.spanId });
    this.log.info({ caseNo: event.data.caseNo }, 'acceptance handled');
  }
}

describe('tracing: one trace crosses outbox → Kafka → consumer (in-memory span exporter, real PostgreSQL and Kafka)', () => {
  const exporter = new InMemorySpanExporter();
  const prefix = uniqueTopicPrefix('tr');
  const lines: Array<Record<string, unknown>> = [];
  let tracing: TracingHandle | undefined;
  let db: { url: string; drop(): Promise<void> };
  let service: RunningService;
  let probe: EventProbe;

  beforeAll(async () => {
    tracing = startTracing('trace-test', { spanProcessors: [new SimpleSpanProcessor(exporter)], instrumentations: false });
    db = await createTestDatabase();
    const config = loadConfig(BaseConfigSchema, serviceEnv(db.url, prefix, { LOG_LEVEL: 'info' }));
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    const logger = createLogger(ServiceNames.Routing, 'info', sink);
    @Module({
      imports: [PlatformModule.forRoot({ service: ServiceNames.Routing, config, logger, entities: [], migrations: [PlatformTables1700000000000] })],
      controllers: [AcceptedConsumer],
    })
    class TraceTestModule {}
    service = await bootstrapService({
      service: ServiceNames.Routing,
      module: TraceTestModule,
      config,
      logger,
      httpPort: 0,
      consumes: [Topics.IntakeCaseEvents],
      openApi: { title: 'trace test', description: 'trace test' },
    });
    probe = new EventProbe(prefix, [Topics.IntakeCaseEvents]);
    await probe.start();
  });

  afterAll(async () => {
    await probe?.stop();
    await service?.close();
    await tracing?.shutdown();
    await db?.drop();
  });

  it('writes traceparent with the outbox row, sends it as a PRODUCER span and continues it in the CONSUMER span, logs carrying both ids', async () => {
    const caseId = ulid();
    const publisher = service.app.get(EventPublisher);
    const dataSource = service.app.get(DataSource);
    const tracer = trace.getTracer('test');
    // The clerk's request: in a service the HTTP instrumentation opens this span.
    const root = await tracer.startActiveSpan('POST /api/v1/cases', { kind: SpanKind.SERVER }, async (span) => {
      await runWithContext({ correlationId: 'corr-trace-1', causationId: 'req-1' }, () =>
        dataSource.transaction((m) =>
          publisher.publish(m, EventTypes.CaseAccepted, caseId, {
            caseId,
            caseNo: `420102-20261128-${caseId.slice(-6)}`,
            matterCode: '11420000MB0000001X-001',
            matterVersion: 1,
            matterName: '食品经营许可',
            regionCode: '420102',
            channel: 'WINDOW',
            applicant: { kind: 'NATURAL_PERSON', name: '王五', idNumber: '11010519491231002X', contact: {} },
            acceptedAt: '2026-11-28T02:00:00Z',
            departmentCode: 'HB-SCJGJ',
            materials: [],
            legalLimitDays: 20,
            promisedLimitDays: 10,
            promisedDate: '2026-12-11',
          }),
        ),
      );
      span.end();
      return span.spanContext();
    });

    // The outbox row keeps the writer's context (the CloudEvents distributed-tracing extension).
    const [row] = (await dataSource.query(`SELECT headers FROM routing.outbox WHERE message_key = $1`, [caseId])) as Array<{
      headers: Record<string, string>;
    }>;
    expect(row.headers.ce_traceparent).toBe(`00-${root.traceId}-${root.spanId}-01`);

    await eventually(async () => (handled.length === 1 ? true : undefined), { what: 'the consumer to handle the event' });
    const spans = await eventually(
      async () => {
        const all = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === root.traceId);
        return all.some((s) => s.kind === SpanKind.CONSUMER) ? all : undefined;
      },
      { what: 'the consumer span to finish' },
    );
    const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId;
    const producer = spans.find((s) => s.kind === SpanKind.PRODUCER)!;
    const consumer = spans.find((s) => s.kind === SpanKind.CONSUMER)!;
    expect(producer.name).toBe(`send ${Topics.IntakeCaseEvents}`);
    expect(parentOf(producer)).toBe(root.spanId);
    expect(consumer.name).toBe(`process ${prefix}${Topics.IntakeCaseEvents}`);
    expect(parentOf(consumer)).toBe(producer.spanContext().spanId);
    expect(handled[0]).toEqual({ traceId: root.traceId, spanId: consumer.spanContext().spanId });

    // On the wire: the producer span's context in the ce_traceparent header.
    const onWire = await eventually(async () => probe.raw.find((m) => m.headers.ce_subject === caseId));
    expect(onWire.headers.ce_traceparent).toBe(`00-${root.traceId}-${producer.spanContext().spanId}-01`);

    // Logs still carry the correlation id, and now the trace and span ids too.
    const line = lines.find((l) => l.msg === 'acceptance handled');
    expect(line).toMatchObject({ correlationId: 'corr-trace-1', traceId: root.traceId, spanId: consumer.spanContext().spanId });
  });
});
