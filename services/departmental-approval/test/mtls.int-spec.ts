import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials, Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { createLogger, mintAccessToken, type RunningService } from '@onewindow/platform';
import { approvalV1GrpcJs } from '@onewindow/proto';
import { createTestDatabase, serviceEnv, uniqueTopicPrefix } from '@onewindow/testing';
import { loadDepartmentalApprovalConfig } from '../src/config/departmental-approval.config';
import { startDepartmentalApproval } from '../src/start';

jest.setTimeout(60_000);

const SECRET = 'mtls-suite-secret-0123456789abcdefghij';
const DEPT = '420100-SCJGJ';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const a = probe.address();
      probe.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** A CA, a server certificate for 127.0.0.1 and a department system's client certificate (OU = department). */
function makeCertificates(dir: string): void {
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=OneWindow test CA');
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\n');
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  ssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '1', '-extfile', 'server.ext');
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'client.key', '-out', 'client.csr', '-subj', `/O=Hubei/OU=${DEPT}/CN=scjgj-system`);
  ssl('x509', '-req', '-in', 'client.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'client.crt', '-days', '1');
}

describe('departmental-approval gRPC over mutual TLS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-mtls-'));
  let db: { url: string; drop(): Promise<void> };
  let service: RunningService;
  let address: string;

  beforeAll(async () => {
    makeCertificates(dir);
    db = await createTestDatabase();
    const grpcPort = await freePort();
    const config = loadDepartmentalApprovalConfig(
      serviceEnv(db.url, uniqueTopicPrefix('mtls'), {
        HTTP_PORT: String(await freePort()),
        GRPC_PORT: String(grpcPort),
        AUTH_JWT_SECRET: SECRET,
        GRPC_TLS_CERT: join(dir, 'server.crt'),
        GRPC_TLS_KEY: join(dir, 'server.key'),
        GRPC_TLS_CA: join(dir, 'ca.crt'),
      }),
    );
    service = await startDepartmentalApproval(config, createLogger('departmental-approval', config.LOG_LEVEL));
    address = `127.0.0.1:${grpcPort}`;
  });

  afterAll(async () => {
    await service?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const file = (name: string) => readFileSync(join(dir, name));
  async function listTasks(client: approvalV1GrpcJs.DepartmentQueueServiceClient, department: string) {
    const md = new Metadata();
    const token = await mintAccessToken({ secret: SECRET, issuer: 'onewindow', audience: 'department-queue' }, { subject: 'officer-1', claims: { role: 'officer', department }, ttlSeconds: 600 });
    md.set('authorization', `Bearer ${token}`);
    return new Promise<{ tasks: unknown[] }>((resolve, reject) =>
      client.listTasks(approvalV1GrpcJs.ListTasksRequest.fromPartial({}), md, { deadline: new Date(Date.now() + 10_000) }, (e, r) => (e ? reject(e) : resolve(r))),
    );
  }
  const codeOf = async (p: Promise<unknown>) => {
    try {
      await p;
      return status.OK;
    } catch (e) {
      return (e as ServiceError).code;
    }
  };

  it("serves a department system whose certificate names the token's department, and refuses a token of another", async () => {
    const client = new approvalV1GrpcJs.DepartmentQueueServiceClient(address, credentials.createSsl(file('ca.crt'), file('client.key'), file('client.crt')));
    try {
      expect((await listTasks(client, DEPT)).tasks).toEqual([]);
      expect(await codeOf(listTasks(client, '420100-ZJJ'))).toBe(status.UNAUTHENTICATED);
    } finally {
      client.close();
    }
  });

  it('refuses a client without a certificate', async () => {
    const client = new approvalV1GrpcJs.DepartmentQueueServiceClient(address, credentials.createSsl(file('ca.crt')));
    try {
      expect(await codeOf(listTasks(client, DEPT))).toBe(status.UNAVAILABLE);
    } finally {
      client.close();
    }
  });
});
