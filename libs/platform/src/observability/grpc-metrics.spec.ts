import { credentials, makeGenericClientConstructor, Server, ServerCredentials, status } from '@grpc/grpc-js';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { HealthImplementation, service as healthService } from 'grpc-health-check';
import { instrumentGrpc } from './grpc-metrics';
import { ServiceMetrics } from './metrics';

/** A real grpc-js server and client on a free port; the service is added as Nest adds its own. */
describe('gRPC server metrics', () => {
  it('times calls to services whose handlers are keyed by their lower-camel names, with the status the caller saw', async () => {
    const metrics = new ServiceMetrics('grpc-test');
    const options = instrumentGrpc({ options: { onLoadPackageDefinition: () => undefined } } as unknown as MicroserviceOptions, metrics);
    const server = new Server();
    (options as { options: { onLoadPackageDefinition: (pkg: unknown, s: Server) => void } }).options.onLoadPackageDefinition({}, server);
    new HealthImplementation({ '': 'SERVING' }).addToServer(server); // handlers `check`, `watch`, `list`
    const port = await new Promise<number>((ok, fail) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) => (e ? fail(e) : ok(p))),
    );
    const Client = makeGenericClientConstructor(healthService, 'Health');
    const client = new Client(`127.0.0.1:${port}`, credentials.createInsecure()) as unknown as {
      check(req: { service: string }, cb: (e: { code?: number } | null) => void): void;
      close(): void;
    };
    const check = (svc: string) => new Promise<number>((ok) => client.check({ service: svc }, (e) => ok(e?.code ?? status.OK)));
    try {
      expect(await check('')).toBe(status.OK);
      expect(await check('no.such.Service')).toBe(status.NOT_FOUND);
    } finally {
      client.close();
      server.forceShutdown();
    }
    const text = await metrics.registry.metrics();
    expect(text).toContain('onewindow_grpc_server_duration_seconds_count{service="grpc-test",method="Health/Check",code="OK"} 1');
    expect(text).toContain('onewindow_grpc_server_duration_seconds_count{service="grpc-test",method="Health/Check",code="NOT_FOUND"} 1');
  });
});
