import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Infrastructure {
  databaseUrl: string;
  redisUrl: string;
  kafkaBrokers: string;
  /** How each part was found, for the test log. */
  origin: Record<'postgres' | 'redis' | 'kafka', 'env' | 'testcontainers' | 'local'>;
  stop(): Promise<void>;
}

export const REPO_ROOT = resolve(__dirname, '../../..');

export function portOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((done) => {
    const s = connect({ host, port });
    const finish = (ok: boolean) => {
      s.destroy();
      done(ok);
    };
    s.setTimeout(timeoutMs, () => finish(false));
    s.once('connect', () => finish(true));
    s.once('error', () => finish(false));
  });
}

async function dockerAnswers(): Promise<boolean> {
  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * A broker that has just started answers metadata requests before its group coordinator has
 * loaded (`__consumer_offsets` is created on first use): suites that start first would spend
 * their beforeAll waiting for it. One throw-away consumer joining a group here absorbs that wait.
 */
export async function warmUpKafka(brokers: string, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await joinOnce(brokers, Math.max(5_000, until - Date.now()));
    } catch (e) {
      // Right after a start the broker still answers some requests with retriable errors.
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

async function joinOnce(brokers: string, timeoutMs: number): Promise<void> {
  const { Kafka, logLevel } = await import('kafkajs');
  const kafka = new Kafka({ clientId: 'test-warm-up', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topic = 'onewindow-test-warm-up';
  try {
    if (!(await admin.listTopics()).includes(topic)) {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: -1 }], waitForLeaders: true });
    }
  } finally {
    await admin.disconnect();
  }
  const consumer = kafka.consumer({ groupId: topic });
  try {
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topics: [topic] });
    await consumer.run({ eachMessage: async () => undefined });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      joined,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`Kafka at ${brokers}: no consumer group joined within ${timeoutMs} ms`)), timeoutMs))),
    ]).finally(() => clearTimeout(timer));
  } finally {
    await consumer.disconnect();
  }
}

/** The Kafka version of deploy/kafka/pom.xml and of the compose image. */
export const KAFKA_IMAGE = 'apache/kafka:3.9.2';

async function startContainers(stoppers: Array<() => Promise<unknown>>): Promise<Pick<Infrastructure, 'databaseUrl' | 'redisUrl' | 'kafkaBrokers'>> {
  // Loaded only where a Docker engine answers.
  const { GenericContainer, Wait } = await import('testcontainers');
  const pg = await new GenericContainer('postgres:16-alpine')
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/ready to accept connections/, 2))
    .start();
  stoppers.push(() => pg.stop());
  const redis = await new GenericContainer('redis:7-alpine').withExposedPorts(6379).start();
  stoppers.push(() => redis.stop());
  const kafka = await new GenericContainer(KAFKA_IMAGE)
    .withExposedPorts({ container: 9092, host: 19092 })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
      KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://127.0.0.1:19092',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    })
    .withWaitStrategy(Wait.forListeningPorts())
    .start();
  stoppers.push(() => kafka.stop());
  return {
    databaseUrl: `postgres://postgres@${pg.getHost()}:${pg.getMappedPort(5432)}/onewindow_test`,
    redisUrl: `redis://${redis.getHost()}:${redis.getMappedPort(6379)}`,
    kafkaBrokers: '127.0.0.1:19092',
  };
}

/**
 * Where the tests find PostgreSQL, Redis and Kafka: from environment variables when set
 * (DATABASE_URL, REDIS_URL, KAFKA_BROKERS), else containers where a Docker engine answers, else the
 * services of this machine — starting the local Kafka (deploy/kafka/kafka.sh) if it is not up.
 */
export async function provideInfrastructure(log: (m: string) => void = () => undefined): Promise<Infrastructure> {
  const stoppers: Array<() => Promise<unknown>> = [];
  const env = process.env;
  if (env.DATABASE_URL && env.REDIS_URL && env.KAFKA_BROKERS) {
    return {
      databaseUrl: env.DATABASE_URL,
      redisUrl: env.REDIS_URL,
      kafkaBrokers: env.KAFKA_BROKERS,
      origin: { postgres: 'env', redis: 'env', kafka: 'env' },
      stop: async () => undefined,
    };
  }
  if (env.ONEWINDOW_TEST_INFRA !== 'local' && (await dockerAnswers())) {
    log('Docker engine found: starting PostgreSQL, Redis and Kafka with testcontainers');
    const urls = await startContainers(stoppers);
    return {
      ...urls,
      origin: { postgres: 'testcontainers', redis: 'testcontainers', kafka: 'testcontainers' },
      stop: async () => {
        for (const s of stoppers.reverse()) await s();
      },
    };
  }
  const databaseUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/onewindow_test';
  const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  let kafkaBrokers = env.KAFKA_BROKERS;
  let startedKafka = false;
  if (!kafkaBrokers) {
    kafkaBrokers = `127.0.0.1:${env.KAFKA_PORT ?? '9092'}`;
    if (!(await portOpen('127.0.0.1', Number(env.KAFKA_PORT ?? 9092)))) {
      log('No Docker engine and no Kafka on 127.0.0.1: starting the local broker (deploy/kafka/kafka.sh start)');
      await run('bash', [resolve(REPO_ROOT, 'deploy/kafka/kafka.sh'), 'start'], { timeout: 600_000 });
      startedKafka = true;
    }
  }
  return {
    databaseUrl,
    redisUrl,
    kafkaBrokers,
    origin: { postgres: env.DATABASE_URL ? 'env' : 'local', redis: env.REDIS_URL ? 'env' : 'local', kafka: env.KAFKA_BROKERS ? 'env' : 'local' },
    // A broker started here keeps running for the next run (it takes seconds to start, and other
    // test processes may be using it); `npm run kafka:stop` stops it, and CI stops it at the end.
    stop: async () => {
      if (startedKafka) log('the local Kafka broker keeps running; `npm run kafka:stop` stops it');
    },
  };
}
