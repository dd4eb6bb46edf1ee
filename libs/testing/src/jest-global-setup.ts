import { provideInfrastructure, warmUpKafka } from './infrastructure';

declare global {
  var __ONEWINDOW_INFRA_STOP__: (() => Promise<void>) | undefined;
}

/** Runs once before all tests: real PostgreSQL, Redis and Kafka, handed to every test through env. */
export default async function globalSetup(): Promise<void> {
  // Unit tests alone need no infrastructure: `ONEWINDOW_TEST_INFRA=none jest --selectProjects unit`.
  if (process.env.ONEWINDOW_TEST_INFRA === 'none') return;
  const infra = await provideInfrastructure((m) => process.stdout.write(`\n[test infra] ${m}\n`));
  process.env.DATABASE_URL = infra.databaseUrl;
  process.env.REDIS_URL = infra.redisUrl;
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  await warmUpKafka(infra.kafkaBrokers);
  process.stdout.write(
    `[test infra] postgres=${infra.origin.postgres} redis=${infra.origin.redis} kafka=${infra.origin.kafka} (${infra.kafkaBrokers})\n`,
  );
  globalThis.__ONEWINDOW_INFRA_STOP__ = () => infra.stop();
}
