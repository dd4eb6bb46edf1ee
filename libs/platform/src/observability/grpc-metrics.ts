import { type Server, type ServiceDefinition, status, type UntypedServiceImplementation } from '@grpc/grpc-js';
import type { MicroserviceOptions } from '@nestjs/microservices';
import type { ServiceMetrics } from './metrics';

type Handler = (...args: unknown[]) => unknown;
interface Emitter {
  once(event: string, fn: (arg?: unknown) => void): void;
}

const codeName = (code: unknown): string =>
  typeof code === 'number' && status[code] !== undefined ? status[code] : 'UNKNOWN';

/**
 * Times every gRPC call at the grpc-js server, after guards and exception filters have turned
 * errors into status codes, so the `code` label is what the caller saw. Method = `Service/Method`.
 */
function wrap(definition: ServiceDefinition, impl: UntypedServiceImplementation, metrics: ServiceMetrics): UntypedServiceImplementation {
  const out: UntypedServiceImplementation = { ...impl };
  for (const [definedName, method] of Object.entries(definition)) {
    // Nest and grpc-health-check key their handlers by the lower-camel `originalName` (claimTask),
    // the definition by the proto name (ClaimTask); grpc-js accepts either, and so must this.
    const name = definedName in impl || typeof method.originalName !== 'string' ? definedName : method.originalName;
    const original = impl[name] as Handler | undefined;
    if (typeof original !== 'function') continue;
    const label = method.path.split('.').pop() ?? method.path;
    if (!method.responseStream && !method.requestStream) {
      out[name] = ((call: unknown, callback: (err: unknown, ...rest: unknown[]) => void) => {
        const end = metrics.grpcDuration.startTimer({ method: label });
        return original(call, (err: unknown, ...rest: unknown[]) => {
          end({ code: err ? codeName((err as { code?: unknown }).code) : 'OK' });
          callback(err, ...rest);
        });
      }) as never;
    } else {
      out[name] = ((call: Emitter, ...rest: unknown[]) => {
        const end = metrics.grpcDuration.startTimer({ method: label });
        let done = false;
        const finish = (code: string) => {
          if (done) return;
          done = true;
          end({ code });
        };
        call.once('error', (e) => finish(codeName((e as { code?: unknown } | undefined)?.code)));
        call.once('cancelled', () => finish('CANCELLED'));
        call.once('finish', () => finish('OK'));
        return original(call, ...rest);
      }) as never;
    }
  }
  return out;
}

/** The same Nest gRPC options, with every service added to the server timed into `onewindow_grpc_server_duration_seconds`. */
export function instrumentGrpc(options: MicroserviceOptions, metrics: ServiceMetrics): MicroserviceOptions {
  const o = options as { options?: { onLoadPackageDefinition?: (pkg: unknown, server: Server) => void } };
  if (!o.options) return options;
  const previous = o.options.onLoadPackageDefinition;
  return {
    ...options,
    options: {
      ...o.options,
      onLoadPackageDefinition: (pkg: unknown, server: Server) => {
        const add = server.addService.bind(server);
        server.addService = (definition, impl) => add(definition, wrap(definition, impl, metrics));
        previous?.(pkg, server);
      },
    },
  } as MicroserviceOptions;
}
