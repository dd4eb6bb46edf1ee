import 'reflect-metadata';

import { dirname, join } from 'node:path';
import { createServer } from 'node:net';

import { fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import {
  Client,
  ClientReadableStream,
  credentials,
  Metadata,
  MetadataValue,
  ServiceError,
  status,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, RpcException, Transport } from '@nestjs/microservices';
import { HealthImplementation, service as healthService } from 'grpc-health-check';
import { Observable, of } from 'rxjs';

import {
  APPROVAL_V1_PACKAGE,
  approvalV1,
  approvalV1GrpcJs,
  DEPARTMENT_QUEUE_PROTO,
  DEPARTMENT_QUEUE_SERVICE_FQN,
  PROTO_LOADER_OPTIONS,
  timestampFromDate,
} from '../src';

const ASSIGNED_AT = new Date('2025-03-03T01:02:03.250Z');
const LEASE_MS = 15 * 60_000;

// One task as the server side (proto-loader objects, approvalV1 types) builds it.
function serverTask(overrides: Partial<approvalV1.Task> = {}): approvalV1.Task {
  return {
    id: '01JNB2W3X4Y5Z6A7B8C9D0E1F2',
    caseId: '01JNB2W3X4Y5Z6A7B8C9D0CASE',
    caseNo: '420100-2025-000123',
    departmentCode: '420100-SCJGJ',
    matterCode: '11420100MB1234567X-001',
    matterName: '食品经营许可',
    regionCode: '420102',
    stage: 1,
    status: approvalV1.TaskStatus.PENDING,
    assignedAt: timestampFromDate(ASSIGNED_AT),
    claimedBy: '',
    leaseExpiresAt: null,
    decidedAt: null,
    promisedDeadline: '2025-03-14',
    legalDeadline: '2025-03-31',
    outcome: approvalV1.DecisionOutcome.UNSPECIFIED,
    reason: '',
    opinion: '',
    decidedBy: '',
    pendingMaterialCodes: [],
    version: 7,
    updatedAt: timestampFromDate(ASSIGNED_AT),
    ...overrides,
  };
}

function notYetServed(): never {
  throw new RpcException({ code: status.UNIMPLEMENTED, message: 'not served yet' });
}

interface ReceivedCall {
  rpc: string;
  request: unknown;
  authorization: MetadataValue[];
}

@Controller()
@approvalV1.DepartmentQueueServiceControllerMethods()
class FakeDepartmentQueueController implements approvalV1.DepartmentQueueServiceController {
  readonly received: ReceivedCall[] = [];

  listTasks(request: approvalV1.ListTasksRequest, metadata?: Metadata): approvalV1.ListTasksResponse {
    this.record('listTasks', request, metadata);
    return { tasks: [serverTask()], nextPageToken: 'page-2' };
  }

  watchQueue(
    request: approvalV1.WatchQueueRequest,
    metadata?: Metadata,
  ): Observable<approvalV1.WatchQueueResponse> {
    this.record('watchQueue', request, metadata);
    return of(
      {
        event: {
          cursor: 'cursor-1',
          eventId: 'event-1',
          type: approvalV1.QueueEventType.ASSIGNED,
          occurredAt: timestampFromDate(ASSIGNED_AT),
          task: serverTask(),
          deadlineWarning: null,
        },
      },
      {
        event: {
          cursor: 'cursor-2',
          eventId: 'event-2',
          type: approvalV1.QueueEventType.DEADLINE_WARNED,
          occurredAt: timestampFromDate(ASSIGNED_AT),
          task: serverTask(),
          deadlineWarning: {
            kind: approvalV1.DeadlineKind.PROMISED,
            deadline: '2025-03-14',
            workingDaysRemaining: 2,
          },
        },
      },
    );
  }

  getTask(): never {
    return notYetServed();
  }

  claimTask(request: approvalV1.ClaimTaskRequest, metadata?: Metadata): approvalV1.ClaimTaskResponse {
    this.record('claimTask', request, metadata);
    if (request.taskId === 'no-such-task') {
      throw new RpcException({ code: status.NOT_FOUND, message: `task ${request.taskId} not found` });
    }
    const leaseMs = request.leaseDuration === null ? 30 * 60_000 : request.leaseDuration.seconds * 1000;
    return {
      task: serverTask({
        id: request.taskId,
        status: approvalV1.TaskStatus.CLAIMED,
        claimedBy: request.officerId,
        leaseExpiresAt: timestampFromDate(new Date(ASSIGNED_AT.getTime() + leaseMs)),
        version: 8,
      }),
    };
  }

  decideTask(): never {
    return notYetServed();
  }
  releaseTask(): never {
    return notYetServed();
  }
  addOpinion(): never {
    return notYetServed();
  }
  requestSupplement(): never {
    return notYetServed();
  }
  suspendTask(): never {
    return notYetServed();
  }
  resumeTask(): never {
    return notYetServed();
  }
  transferTask(): never {
    return notYetServed();
  }

  private record(rpc: string, request: unknown, metadata: Metadata | undefined): void {
    this.received.push({ rpc, request, authorization: metadata?.get('authorization') ?? [] });
  }
}

@Module({ controllers: [FakeDepartmentQueueController] })
class FakeApprovalModule {}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

type Callback<T> = (error: ServiceError | null, response?: T) => void;

function unary<T>(invoke: (callback: Callback<T>) => unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    invoke((error, response) => {
      if (error) reject(error);
      else if (response === undefined) reject(new Error('empty response'));
      else resolve(response);
    });
  });
}

function collect<T>(stream: ClientReadableStream<T>): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const items: T[] = [];
    stream.on('data', (item: T) => items.push(item));
    stream.on('error', reject);
    stream.on('end', () => resolve(items));
  });
}

function bearer(token: string): Metadata {
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${token}`);
  return metadata;
}

// The reflection protocol, read from the .proto that @grpc/reflection ships.
const reflectionProto = loadSync('grpc/reflection/v1/reflection.proto', {
  includeDirs: [join(dirname(require.resolve('@grpc/reflection')), '..', 'proto')],
  defaults: true,
});
const reflectionInfo = reflectionProto['grpc.reflection.v1.ServerReflection'];

interface ReflectionReply {
  listServicesResponse?: { service: Array<{ name: string }> } | null;
  fileDescriptorResponse?: { fileDescriptorProto: Buffer[] } | null;
}

function reflect(address: string, requests: object[]): Promise<ReflectionReply[]> {
  if (!reflectionInfo || !('ServerReflectionInfo' in reflectionInfo))
    throw new Error('reflection.proto not loaded');
  const method = reflectionInfo.ServerReflectionInfo;
  const client = new Client(address, credentials.createInsecure());
  const call = client.makeBidiStreamRequest(method.path, method.requestSerialize, method.responseDeserialize);
  const replies = new Promise<ReflectionReply[]>((resolve, reject) => {
    const items: ReflectionReply[] = [];
    call.on('data', (reply: ReflectionReply) => items.push(reply));
    call.on('error', reject);
    call.on('end', () => resolve(items));
  });
  requests.forEach((request) => call.write(request));
  call.end();
  return replies.finally(() => client.close());
}

describe('DepartmentQueueService over gRPC: NestJS server, plain grpc-js client', () => {
  let app: INestMicroservice;
  let controller: FakeDepartmentQueueController;
  let client: approvalV1GrpcJs.DepartmentQueueServiceClient;
  let healthClient: Client;
  let address: string;

  beforeAll(async () => {
    address = `127.0.0.1:${await freePort()}`;
    const health = new HealthImplementation({ '': 'SERVING', [DEPARTMENT_QUEUE_SERVICE_FQN]: 'SERVING' });
    app = await NestFactory.createMicroservice<MicroserviceOptions>(FakeApprovalModule, {
      transport: Transport.GRPC,
      options: {
        url: address,
        package: APPROVAL_V1_PACKAGE,
        protoPath: DEPARTMENT_QUEUE_PROTO,
        loader: PROTO_LOADER_OPTIONS,
        onLoadPackageDefinition: (pkg, server) => {
          new ReflectionService(pkg).addToServer(server);
          health.addToServer(server);
        },
      },
      logger: false,
    });
    await app.listen();
    controller = app.get(FakeDepartmentQueueController);
    client = new approvalV1GrpcJs.DepartmentQueueServiceClient(address, credentials.createInsecure());
    healthClient = new Client(address, credentials.createInsecure());
  });

  afterAll(async () => {
    client?.close();
    healthClient?.close();
    await app?.close();
  });

  beforeEach(() => {
    controller.received.length = 0;
  });

  it('lists tasks: enums, timestamps, int64 and strings arrive intact both ways', async () => {
    const response = await unary<approvalV1GrpcJs.ListTasksResponse>((callback) =>
      client.listTasks(
        approvalV1GrpcJs.ListTasksRequest.fromPartial({
          status: approvalV1GrpcJs.TaskStatus.PENDING,
          regionCode: '420100',
          pageSize: 20,
        }),
        bearer('department-token'),
        callback,
      ),
    );

    // What the Nest controller got from proto-loader has exactly the shape of
    // approvalV1.ListTasksRequest: camelCase, enum name, defaults filled in.
    const expectedRequest: approvalV1.ListTasksRequest = {
      status: approvalV1.TaskStatus.PENDING,
      matterCode: '',
      regionCode: '420100',
      pageSize: 20,
      pageToken: '',
    };
    expect(controller.received).toStrictEqual([
      { rpc: 'listTasks', request: expectedRequest, authorization: ['Bearer department-token'] },
    ]);

    const expectedTask: approvalV1GrpcJs.Task = {
      id: '01JNB2W3X4Y5Z6A7B8C9D0E1F2',
      caseId: '01JNB2W3X4Y5Z6A7B8C9D0CASE',
      caseNo: '420100-2025-000123',
      departmentCode: '420100-SCJGJ',
      matterCode: '11420100MB1234567X-001',
      matterName: '食品经营许可',
      regionCode: '420102',
      stage: 1,
      status: approvalV1GrpcJs.TaskStatus.PENDING,
      assignedAt: { seconds: 1740963723, nanos: 250_000_000 },
      claimedBy: '',
      leaseExpiresAt: undefined,
      decidedAt: undefined,
      promisedDeadline: '2025-03-14',
      legalDeadline: '2025-03-31',
      outcome: approvalV1GrpcJs.DecisionOutcome.UNSPECIFIED,
      reason: '',
      opinion: '',
      decidedBy: '',
      pendingMaterialCodes: [],
      version: 7,
      updatedAt: { seconds: 1740963723, nanos: 250_000_000 },
    };
    expect(response).toStrictEqual({ tasks: [expectedTask], nextPageToken: 'page-2' });
  });

  it('claims a task: the lease Duration reaches the server and the claim comes back', async () => {
    const response = await unary<approvalV1GrpcJs.ClaimTaskResponse>((callback) =>
      client.claimTask(
        { taskId: 'task-1', officerId: 'officer-007', leaseDuration: { seconds: LEASE_MS / 1000, nanos: 0 } },
        bearer('department-token'),
        callback,
      ),
    );

    const expectedRequest: approvalV1.ClaimTaskRequest = {
      taskId: 'task-1',
      officerId: 'officer-007',
      leaseDuration: { seconds: 900, nanos: 0 },
    };
    expect(controller.received[0]?.request).toStrictEqual(expectedRequest);

    expect(response.task).toMatchObject({
      id: 'task-1',
      status: approvalV1GrpcJs.TaskStatus.CLAIMED,
      claimedBy: 'officer-007',
      // 2025-03-03T01:17:03.250Z
      leaseExpiresAt: { seconds: 1740964623, nanos: 250_000_000 },
      decidedAt: undefined,
      version: 8,
    });
  });

  it('an unset message field reaches the controller as null, as approvalV1 declares', async () => {
    await unary<approvalV1GrpcJs.ClaimTaskResponse>((callback) =>
      client.claimTask({ taskId: 'task-1', officerId: 'officer-007', leaseDuration: undefined }, callback),
    );

    const expectedRequest: approvalV1.ClaimTaskRequest = {
      taskId: 'task-1',
      officerId: 'officer-007',
      leaseDuration: null,
    };
    expect(controller.received).toStrictEqual([
      { rpc: 'claimTask', request: expectedRequest, authorization: [] },
    ]);
  });

  it('streams both queue events and passes the resume cursor', async () => {
    const events = await collect(client.watchQueue({ afterCursor: 'cursor-0' }, bearer('department-token')));

    expect(controller.received[0]?.request).toStrictEqual({ afterCursor: 'cursor-0' });
    expect(events.map(({ event }) => [event?.cursor, event?.type, event?.task?.status])).toEqual([
      ['cursor-1', approvalV1GrpcJs.QueueEventType.ASSIGNED, approvalV1GrpcJs.TaskStatus.PENDING],
      ['cursor-2', approvalV1GrpcJs.QueueEventType.DEADLINE_WARNED, approvalV1GrpcJs.TaskStatus.PENDING],
    ]);
    expect(events[0]?.event?.deadlineWarning).toBeUndefined();
    expect(events[1]?.event?.deadlineWarning).toEqual({
      kind: approvalV1GrpcJs.DeadlineKind.PROMISED,
      deadline: '2025-03-14',
      workingDaysRemaining: 2,
    });
  });

  it('turns RpcException({ code: NOT_FOUND }) into a NOT_FOUND status with its message', async () => {
    const claim = unary<approvalV1GrpcJs.ClaimTaskResponse>((callback) =>
      client.claimTask(
        { taskId: 'no-such-task', officerId: 'officer-007', leaseDuration: undefined },
        callback,
      ),
    );

    await expect(claim).rejects.toMatchObject({
      code: status.NOT_FOUND,
      details: 'task no-such-task not found',
    });
  });

  it('answers UNIMPLEMENTED for contract RPCs not served yet', async () => {
    const decide = unary<approvalV1GrpcJs.DecideTaskResponse>((callback) =>
      client.decideTask(
        approvalV1GrpcJs.DecideTaskRequest.fromPartial({
          taskId: 'task-1',
          requestId: '01JNB2W3X4Y5Z6A7B8C9D0REQ1',
          outcome: approvalV1GrpcJs.DecisionOutcome.APPROVED,
        }),
        callback,
      ),
    );

    await expect(decide).rejects.toMatchObject({ code: status.UNIMPLEMENTED });
  });

  it('answers health checks with SERVING, for the server and for the service', async () => {
    const check = healthService['Check'];
    if (!check) throw new Error('grpc-health-check has no Check method');
    const ask = (service: string): Promise<object> =>
      unary<object>((callback) =>
        healthClient.makeUnaryRequest(
          check.path,
          check.requestSerialize,
          check.responseDeserialize,
          { service },
          callback,
        ),
      );

    await expect(ask('')).resolves.toEqual({ status: 'SERVING' });
    await expect(ask(DEPARTMENT_QUEUE_SERVICE_FQN)).resolves.toEqual({ status: 'SERVING' });
  });

  it('describes the service through server reflection', async () => {
    const [services, file] = await reflect(address, [
      { listServices: '' },
      { fileContainingSymbol: DEPARTMENT_QUEUE_SERVICE_FQN },
    ]);

    expect(services?.listServicesResponse?.service.map(({ name }) => name)).toContain(
      DEPARTMENT_QUEUE_SERVICE_FQN,
    );
    const descriptors = (file?.fileDescriptorResponse?.fileDescriptorProto ?? []).map((bytes) =>
      fromBinary(FileDescriptorProtoSchema, bytes),
    );
    // proto-loader re-groups definitions into one synthetic file per package
    // ("onewindow_approval_v1.proto"), so look the service up by package.
    const approval = descriptors.find(({ package: pkg }) => pkg === APPROVAL_V1_PACKAGE);
    const methods = approval?.service.find(({ name }) => name === 'DepartmentQueueService')?.method ?? [];
    expect(methods.map(({ name, serverStreaming }) => [name, serverStreaming])).toEqual(
      expect.arrayContaining([
        ['ListTasks', false],
        ['WatchQueue', true],
        ['ClaimTask', false],
      ]),
    );
    // Every import comes along, so a client such as grpcurl can decode Timestamps.
    const names = descriptors.map(({ name }) => name);
    expect(approval?.dependency.every((dependency) => names.includes(dependency))).toBe(true);
  });
});
