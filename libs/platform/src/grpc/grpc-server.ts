import type { Server, ServerCredentials } from '@grpc/grpc-js';
import type { Options as ProtoLoaderOptions } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import type { BeforeApplicationShutdown } from '@nestjs/common';
import { type MicroserviceOptions, Transport } from '@nestjs/microservices';
import { HealthImplementation, type ServingStatus } from 'grpc-health-check';
import { checkGrpcRequests } from './grpc-request';

/**
 * The standard gRPC health service (grpc.health.v1) for one server: the overall status ('') and
 * one per service. Register the instance as a Nest provider (`useValue`) and it reports
 * NOT_SERVING as soon as the application starts shutting down, before the server stops, so
 * load balancers and watching clients move away first.
 */
export class GrpcHealth implements BeforeApplicationShutdown {
  readonly implementation: HealthImplementation;
  private readonly names: string[];

  constructor(services: readonly string[], initial: ServingStatus = 'SERVING') {
    this.names = ['', ...services];
    this.implementation = new HealthImplementation(Object.fromEntries(this.names.map((n) => [n, initial])));
  }

  setServing(serving: boolean): void {
    for (const n of this.names) this.implementation.setStatus(n, serving ? 'SERVING' : 'NOT_SERVING');
  }

  beforeApplicationShutdown(): void {
    this.setServing(false);
  }
}

export interface GrpcServerSetup {
  /** `host:port` to bind. */
  url: string;
  /** Proto package(s) served, e.g. `onewindow.approval.v1`. */
  package: string | string[];
  /** Proto file(s), relative to one of `loader.includeDirs`. */
  protoPath: string | string[];
  /** Fully qualified service name(s), e.g. `onewindow.approval.v1.DepartmentQueueService`: health keys. */
  serviceFqn: string | string[];
  /** @grpc/proto-loader options the generated types were made for. */
  loader: ProtoLoaderOptions;
  /** Pass one to drive it from the app (shutdown); a SERVING one is made otherwise. */
  health?: GrpcHealth;
  maxReceiveMessageLength?: number;
  /** TLS or mutual TLS (`ServerCredentials.createSsl`); insecure when absent. */
  credentials?: ServerCredentials;
}

const list = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);

/**
 * Nest `Transport.GRPC` options with the health (grpc.health.v1) and reflection services on, as
 * CONVENTIONS asks of every gRPC door. Hand the result to `bootstrapService({ grpc })`.
 */
export function grpcServerOptions(o: GrpcServerSetup): MicroserviceOptions {
  const health = o.health ?? new GrpcHealth(list(o.serviceFqn));
  return {
    transport: Transport.GRPC,
    options: {
      url: o.url,
      package: o.package,
      protoPath: o.protoPath,
      loader: o.loader,
      maxReceiveMessageLength: o.maxReceiveMessageLength ?? 4 * 1024 * 1024,
      ...(o.credentials ? { credentials: o.credentials } : {}),
      // Keep idle watch streams alive through proxies, and notice dead clients.
      keepalive: { keepaliveTimeMs: 60_000, keepaliveTimeoutMs: 20_000, keepalivePermitWithoutCalls: 1 },
      onLoadPackageDefinition: (definition, server: Pick<Server, 'addService'>) => {
        // Undecodable bytes and NUL characters reach GrpcRequestGuard (INVALID_ARGUMENT), not grpc-js's INTERNAL.
        checkGrpcRequests(definition);
        new ReflectionService(definition).addToServer(server);
        health.implementation.addToServer(server);
      },
    },
  };
}
