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
    }),
  });
}
