import './tracing';
import 'reflect-metadata';
import { bootstrapService, ConfigError, createLogger } from '@onewindow/platform';
import { AppModule } from './app.module';
import { loadRoutingConfig, type RoutingConfig } from './config/routing.config';
import { ROUTING } from './service';

/** Composition root: configuration, logger, then the platform bootstrap. Nothing else lives here. */
async function main(): Promise<void> {
  let config: RoutingConfig;
  try {
    config = loadRoutingConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`routing: ${e.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  const logger = createLogger(ROUTING.service, config.LOG_LEVEL);
  await bootstrapService({
    ...ROUTING,
    module: AppModule.forRoot(config, logger),
    config,
    logger,
    httpPort: config.HTTP_PORT,
  }).catch((e: unknown) => {
    logger.fatal({ err: e }, 'routing failed to start');
    process.exit(1);
  });
}

void main();
