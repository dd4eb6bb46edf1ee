import { connect } from 'node:net';
import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';

export type ReadinessProbe = () => Promise<boolean> | boolean;

/** Dependencies a service must reach to be ready; bootstrap and modules register theirs. */
@Injectable()
export class ReadinessRegistry {
  private readonly probes = new Map<string, ReadinessProbe>();
  register(name: string, probe: ReadinessProbe): void {
    this.probes.set(name, probe);
  }
  entries(): Array<[string, ReadinessProbe]> {
    return [...this.probes.entries()];
  }
}

/**
 * True when any of the `host:port` addresses accepts a TCP connection within the timeout. Kafka's
 * clients keep believing they are connected for a while after the broker went away; a fresh
 * connection tells the truth at once.
 */
export async function anyReachable(addresses: string[], timeoutMs = 1000): Promise<boolean> {
  const one = (address: string) =>
    new Promise<boolean>((done) => {
      const at = address.lastIndexOf(':');
      const socket = connect({ host: address.slice(0, at), port: Number(address.slice(at + 1)) });
      const finish = (ok: boolean) => {
        socket.destroy();
        done(ok);
      };
      socket.setTimeout(timeoutMs, () => finish(false));
      socket.once('connect', () => finish(true));
      socket.once('error', () => finish(false));
    });
  return (await Promise.all(addresses.map(one))).some(Boolean);
}

async function withTimeout(p: Promise<boolean> | boolean, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve(p),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
      }),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly registry: ReadinessRegistry,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers. Restart it when this fails.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: PostgreSQL, Redis and Kafka reachable. Take out of rotation when this fails.' })
  ready() {
    return this.health.check([
      () => this.db.pingCheck('postgres', { timeout: 1500 }),
      ...this.registry.entries().map(([name, probe]) => async () => {
        const i = this.indicators.check(name);
        return (await withTimeout(probe(), 1500)) ? i.up() : i.down();
      }),
    ]);
  }
}
