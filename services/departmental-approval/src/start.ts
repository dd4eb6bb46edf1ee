import { readFileSync } from 'node:fs';
import { ServerCredentials } from '@grpc/grpc-js';
import { Topics, ServiceNames } from '@onewindow/contracts';
import { bootstrapService, GrpcHealth, grpcServerOptions, type RunningService } from '@onewindow/platform';
import {
  APPROVAL_V1_PACKAGE,
  DEPARTMENT_QUEUE_PROTO,
  DEPARTMENT_QUEUE_SERVICE_FQN,
  PROTO_LOADER_OPTIONS,
} from '@onewindow/proto';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { type Clock, systemClock } from './clock';
import type { DepartmentalApprovalConfig } from './config/departmental-approval.config';

/** Server credentials from GRPC_TLS_*: none → insecure (local), cert+key → TLS, + CA → mutual TLS. */
export function grpcCredentials(config: DepartmentalApprovalConfig): ServerCredentials | undefined {
  if (!config.GRPC_TLS_CERT && !config.GRPC_TLS_KEY) return undefined;
  if (!config.GRPC_TLS_CERT || !config.GRPC_TLS_KEY) throw new Error('GRPC_TLS_CERT and GRPC_TLS_KEY go together');
  const ca = config.GRPC_TLS_CA ? readFileSync(config.GRPC_TLS_CA) : null;
  return ServerCredentials.createSsl(
    ca,
    [{ cert_chain: readFileSync(config.GRPC_TLS_CERT), private_key: readFileSync(config.GRPC_TLS_KEY) }],
    ca !== null,
  );
}

/** Starts the service: HTTP (health, OpenAPI), gRPC (DepartmentQueueService, health, reflection), Kafka. */
export function startDepartmentalApproval(
  config: DepartmentalApprovalConfig,
  logger: Logger,
  /** The deadline clock; tests pass their own to reach any day without waiting for it. */
  options: { clock?: Clock } = {},
): Promise<RunningService> {
  const health = new GrpcHealth([DEPARTMENT_QUEUE_SERVICE_FQN]);
  const host = config.GRPC_HOST.includes(':') ? `[${config.GRPC_HOST}]` : config.GRPC_HOST;
  return bootstrapService({
    service: ServiceNames.DepartmentalApproval,
    module: AppModule.forRoot(config, logger, health, options.clock ?? systemClock),
    config,
    logger,
    httpPort: config.HTTP_PORT,
    consumes: [Topics.RoutingCaseEvents, Topics.IntakeCaseEvents],
    openApi: {
      title: 'OneWindow departmental approval — department queues (部门审批)',
      description:
        'Department systems work their approval queue over gRPC (onewindow.approval.v1.DepartmentQueueService, ' +
        `port ${config.GRPC_PORT}, with health and reflection). This HTTP port serves health checks only.`,
    },
    grpc: grpcServerOptions({
      url: `${host}:${config.GRPC_PORT}`,
      package: APPROVAL_V1_PACKAGE,
      protoPath: DEPARTMENT_QUEUE_PROTO,
      serviceFqn: DEPARTMENT_QUEUE_SERVICE_FQN,
      loader: PROTO_LOADER_OPTIONS,
      health,
      credentials: grpcCredentials(config),
    }),
  });
}
