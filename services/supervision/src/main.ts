import './tracing';
import 'reflect-metadata';
import { bootstrapService, ConfigError, createLogger } from '@onewindow/platform';
import { AppModule } from './app.module';
import { type SupervisionConfig, loadSupervisionConfig } from './config/supervision.config';
import { SUPERVISION } from './service';

/** Composition root: configuration, logger, then the platform bootstrap. Nothing else lives here. */
async function main(): Promise<void> {
  let config: SupervisionConfig;
  try {
    config = loadSupervisionConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`supervision: ${e.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  const logger = createLogger(SUPERVISION.service, config.LOG_LEVEL);
  await bootstrapService({
    ...SUPERVISION,
    module: AppModule.forRoot(config, logger),
    config,
    logger,
    httpPort: config.HTTP_PORT,
  }).catch((e: unknown) => {
    logger.fatal({ err: e }, 'supervision failed to start');
    process.exit(1);
  });
}

void main();
