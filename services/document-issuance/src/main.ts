import './tracing';
import 'reflect-metadata';
import { bootstrapService, ConfigError, createLogger } from '@onewindow/platform';
import { AppModule } from './app.module';
import { type DocumentIssuanceConfig, loadDocumentIssuanceConfig } from './config/document-issuance.config';
import { DOCUMENT_ISSUANCE } from './service';

/** Composition root: configuration, logger, then the platform bootstrap. Nothing else lives here. */
async function main(): Promise<void> {
  let config: DocumentIssuanceConfig;
  try {
    config = loadDocumentIssuanceConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`document-issuance: ${e.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  const logger = createLogger(DOCUMENT_ISSUANCE.service, config.LOG_LEVEL);
  await bootstrapService({
    ...DOCUMENT_ISSUANCE,
    module: AppModule.forRoot(config, logger),
    config,
    logger,
    httpPort: config.HTTP_PORT,
  }).catch((e: unknown) => {
    logger.fatal({ err: e }, 'document-issuance failed to start');
    process.exit(1);
  });
}

void main();
