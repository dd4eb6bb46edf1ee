import './tracing';
import 'reflect-metadata';
import { Topics } from '@onewindow/contracts';
import { bootstrapService, createLogger } from '@onewindow/platform';
import { AppModule } from './app.module';
import { loadIntakeConfig } from './config/intake.config';

/** Composition root: configuration, logger, then the platform bootstrap. Nothing else lives here. */
async function main(): Promise<void> {
  const config = loadIntakeConfig();
  const logger = createLogger('intake', config.LOG_LEVEL);
  await bootstrapService({
    service: 'intake',
    module: AppModule.forRoot(config, logger),
    config,
    logger,
    httpPort: config.HTTP_PORT,
    consumes: [Topics.RoutingCaseEvents, Topics.ApprovalTaskEvents, Topics.IssuanceDocumentEvents],
    openApi: {
      title: 'OneWindow intake — the comprehensive window (综合窗口)',
      description: 'Clerks accept cases, check materials against the matter catalogue and follow each case to its result.',
    },
  }).catch((e: unknown) => {
    logger.fatal({ err: e }, 'intake failed to start');
    process.exit(1);
  });
}

void main();
