import './tracing';
import 'reflect-metadata';
import { bootstrapService, ConfigError, createLogger } from '@onewindow/platform';
import { AppModule } from './app.module';
import { loadNotificationConfig, type NotificationConfig } from './config/notification.config';
import { NOTIFICATION } from './service';

/** Composition root: configuration, logger, then the platform bootstrap. Nothing else lives here. */
async function main(): Promise<void> {
  let config: NotificationConfig;
  try {
    config = loadNotificationConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`notification: ${e.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  const logger = createLogger(NOTIFICATION.service, config.LOG_LEVEL);
  await bootstrapService({
    ...NOTIFICATION,
    module: AppModule.forRoot(config, logger),
    config,
    logger,
    httpPort: config.HTTP_PORT,
  }).catch((e: unknown) => {
    logger.fatal({ err: e }, 'notification failed to start');
    process.exit(1);
  });
}

void main();
