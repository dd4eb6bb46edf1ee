import './tracing';
import 'reflect-metadata';
import { ServiceNames } from '@onewindow/contracts';
import { createLogger } from '@onewindow/platform';
import { loadDepartmentalApprovalConfig } from './config/departmental-approval.config';
import { startDepartmentalApproval } from './start';

/** Composition root: configuration, logger, then the service. Nothing else lives here. */
async function main(): Promise<void> {
  const config = loadDepartmentalApprovalConfig();
  const logger = createLogger(ServiceNames.DepartmentalApproval, config.LOG_LEVEL);
  await startDepartmentalApproval(config, logger).catch((e: unknown) => {
    logger.fatal({ err: e }, 'departmental-approval failed to start');
    process.exit(1);
  });
}

void main();
