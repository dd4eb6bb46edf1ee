import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type INestApplication,
  type NestInterceptor,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { DeadLetterTopics, type ServiceName } from '@onewindow/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { addBearerSecurity, addGuardProblems } from './auth/openapi-auth-problems';
import type { ServicePolicy } from './auth/policy';
import { principalOfRequest, SERVICE_POLICY } from './auth/rest-policy.guard';
import type { BaseConfig } from './config/config';
import { ensureDatabase, migrate } from './database/data-source';
import { ReadinessRegistry } from './health/health';
import { assertJsonDepth } from './http/json-depth';
import { assertNoNul } from './http/nul-characters';
import { normaliseNullable } from './http/openapi-31';
import { addBodyExamples } from './http/openapi-examples';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { answerClientError, answerFrameworkError } from './http/transport-errors';
import { strictValidationPipe } from './http/validation';
import { JsonLogger } from './logging/logger';
import { runWithContext } from './logging/request-context';
import { ensureTopics } from './messaging/kafka';
import { KafkaEventServer } from './messaging/kafka-event-server';
import { ConsumerLagSampler } from './observability/consumer-lag';
import { instrumentGrpc } from './observability/grpc-metrics';
import { instrumentHttp } from './observability/http-metrics';
import { ServiceMetrics } from './observability/metrics';
import { schemaOf } from './platform.module';

const CORRELATION_HEADER = 'x-correlation-id';

/** `x-audit-reason`: why a person reads or changes a case (printable, at most 500 characters). */
function auditReason(req: FastifyRequest): string | undefined {
  const v = req.headers['x-audit-reason'];
  if (typeof v !== 'string' || v.length > 500) return undefined;
  try {
    // Control characters would let a reason forge lines in an exported trail.
    return decodeURIComponent(v).replace(/\p{Cc}/gu, ' ');
  } catch {
    return v; // not percent-encoded: kept as sent
  }
}

/** Every request runs with a correlation id (taken from the caller or made here) that logs and events carry. */
@Injectable()
class CorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const given = req.headers[CORRELATION_HEADER];
    const correlationId = typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    void reply.header(CORRELATION_HEADER, correlationId);
    return new Observable((subscriber) =>
      runWithContext({ correlationId, causationId: String(req.id), principal: principalOfRequest(req), reason: auditReason(req) }, () => next.handle().subscribe(subscriber)),
    );
  }
}

export interface BootstrapOptions {
  service: ServiceName;
  module: unknown;
  config: BaseConfig;
  logger: Logger;
  httpPort: number;
  /** Topics this service consumes; its consumer group is the service name. */
  consumes: string[];
  openApi: { title: string; description: string; tags?: string[] };
  /** gRPC door, when the service has one. */
  grpc?: MicroserviceOptions;
}

export interface RunningService {
  app: INestApplication;
  openApi: OpenAPIObject;
  urls: { http: string; docs: string };
  close(): Promise<void>;
}

async function retry<T>(what: string, log: Logger, fn: () => Promise<T>, deadlineMs = 120_000): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5000)) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() + delay > until) throw e;
      log.warn({ err: e, retryInMs: delay }, `${what} not reachable yet`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

function servicePolicyOf(app: INestApplication): ServicePolicy | undefined {
  try {
    return app.get<ServicePolicy>(SERVICE_POLICY, { strict: false });
  } catch {
    return undefined; // a service without SecurityModule
  }
}

export function buildOpenApiDocument(app: INestApplication, o: BootstrapOptions['openApi']): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle(o.title)
    .setDescription(o.description)
    .setVersion('1.0.0')
    .addServer('/');
  for (const t of o.tags ?? []) builder.addTag(t);
  const doc = SwaggerModule.createDocument(app, builder.build());
  normaliseNullable(doc);
  addBodyExamples(doc);
  const policy = servicePolicyOf(app);
  if (policy) {
    addGuardProblems(doc, policy);
    addBearerSecurity(doc, policy);
  }
  return doc;
}

/**
 * Nest's preview mode builds the module graph without running any provider factory, so no
 * database or broker is contacted: enough to read the controllers' OpenAPI metadata.
 */
async function exportOpenApi(o: BootstrapOptions, file: string): Promise<never> {
  const app = await NestFactory.create<NestFastifyApplication>(o.module as never, new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  const doc = buildOpenApiDocument(app, o.openApi);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  await app.close();
  process.exit(0);
}

/**
 * The composition root every service's main.ts calls: database, topics, migrations, HTTP with
 * problem details and OpenAPI, the Kafka event transport, optional gRPC, graceful shutdown.
 */
export async function bootstrapService(o: BootstrapOptions): Promise<RunningService> {
  const { config, logger: log } = o;
  if (config.OPENAPI_EXPORT) await exportOpenApi(o, config.OPENAPI_EXPORT);
  await retry('PostgreSQL', log, () => ensureDatabase(config.DATABASE_URL));
  const adapter = new FastifyAdapter({
    bodyLimit: config.HTTP_BODY_LIMIT_BYTES,
    logger: false,
    trustProxy: true,
    // Requests refused before routing (unparseable HTTP, over-long headers, bad percent-encoding) also get problem details.
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(o.module as never, adapter, {
    logger: new JsonLogger(log),
    bufferLogs: false,
    abortOnError: false,
    // The body parsers are set below; Nest's own would replace the depth-limited JSON parser.
    bodyParser: false,
  });
  if (config.MIGRATIONS_RUN) {
    const ran = await migrate(app.get(DataSource), schemaOf(o.service));
    if (ran.length) log.info({ migrations: ran }, 'migrations applied');
  }
  const kafka = app.get(Kafka);
  const created = await retry('Kafka', log, () => ensureTopics(kafka, config.KAFKA_TOPIC_PREFIX));
  if (created.length) log.info({ topics: created }, 'topics created');

  const metrics = app.get(ServiceMetrics);
  const fastify = app.getHttpAdapter().getInstance();
  instrumentHttp(fastify, metrics);
  // The APIs speak JSON: anything else is refused with 415 rather than parsed as text.
  fastify.removeContentTypeParser(['text/plain', 'application/x-www-form-urlencoded']);
  // fastify's own JSON parser (it refuses __proto__ and constructor keys), behind a nesting limit.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    try {
      assertJsonDepth(body as string);
    } catch (e) {
      done(e as Error, undefined);
      return;
    }
    void parseJson(req, body as string, done);
  });
  fastify.addHook('preValidation', async (req) => assertNoNul({ path: req.params, query: req.query, body: req.body }));
  app.useGlobalFilters(new ProblemDetailsFilter(log));
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalInterceptors(new CorrelationInterceptor());

  const openApi = buildOpenApiDocument(app, o.openApi);
  SwaggerModule.setup('docs', app, openApi, { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml' });

  const server = new KafkaEventServer({
    kafka,
    groupId: config.KAFKA_TOPIC_PREFIX + o.service,
    topics: o.consumes.map((t) => config.KAFKA_TOPIC_PREFIX + t),
    deadLetterTopic: config.KAFKA_TOPIC_PREFIX + DeadLetterTopics[o.service],
    log: log.child({ component: 'kafka-consumer' }),
    partitionsConsumedConcurrently: config.KAFKA_PARTITIONS_CONCURRENCY,
    metrics,
  });
  app.connectMicroservice({ strategy: server }, { inheritAppConfig: true });
  if (o.grpc) app.connectMicroservice(instrumentGrpc(o.grpc, metrics), { inheritAppConfig: true });
  const lag = new ConsumerLagSampler(
    {
      kafka,
      groupId: config.KAFKA_TOPIC_PREFIX + o.service,
      topics: o.consumes.map((t) => config.KAFKA_TOPIC_PREFIX + t),
      deadLetterTopic: config.KAFKA_TOPIC_PREFIX + DeadLetterTopics[o.service],
      intervalMs: config.METRICS_LAG_INTERVAL_MS,
      log: log.child({ component: 'consumer-lag' }),
    },
    metrics,
  );
  // Fastify closes with the app (signal or close()), taking the sampler's admin connection with it.
  fastify.addHook('onClose', async () => lag.stop());
  app.get(ReadinessRegistry).register('kafka-consumer', () => server.isConnected() || o.consumes.length === 0);
  app.enableShutdownHooks();

  await app.startAllMicroservices();
  await app.listen(o.httpPort, config.HTTP_HOST);
  lag.start();
  const base = `http://${config.HTTP_HOST}:${o.httpPort}`;
  log.info({ http: base, docs: `${base}/docs` }, `${o.service} ready`);
  return {
    app,
    openApi,
    urls: { http: base, docs: `${base}/docs` },
    close: () => app.close(),
  };
}
