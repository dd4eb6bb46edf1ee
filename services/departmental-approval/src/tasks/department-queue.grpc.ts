import { Metadata, type ServerWritableStream } from '@grpc/grpc-js';
import { Controller, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { approvalV1 } from '@onewindow/proto';
import { defer, map, type Observable } from 'rxjs';
import { ClaimTaskUseCase } from './claim-task.usecase';
import { DecideTaskUseCase } from './decide-task.usecase';
import { snapshotOf } from './domain/task-snapshot';
import { GetTaskUseCase } from './get-task.usecase';
import { encodePageToken } from './grpc/cursors';
import { callerOf, DepartmentCallerGuard } from './grpc/department-caller';
import { DepartmentQueueErrorFilter, NotServedYetError } from './grpc/grpc-errors.filter';
import { GrpcCorrelationInterceptor } from './grpc/grpc-correlation.interceptor';
import {
  claimTaskCommand,
  decideTaskCommand,
  getTaskQuery,
  listTasksQuery,
  watchQueueCommand,
} from './grpc/requests';
import {
  caseSummaryMessage,
  historyEntryMessage,
  queueEventMessage,
  taskMessage,
} from './grpc/task-messages';
import { ListTasksUseCase } from './list-tasks.usecase';
import { WatchQueueUseCase } from './watch-queue.usecase';

/** The gRPC door of department systems: each handler maps its request to a use case and the result back. */
@Controller()
@UseGuards(DepartmentCallerGuard)
@UseInterceptors(GrpcCorrelationInterceptor)
@UseFilters(DepartmentQueueErrorFilter)
@approvalV1.DepartmentQueueServiceControllerMethods()
export class DepartmentQueueGrpc implements approvalV1.DepartmentQueueServiceController {
  constructor(
    private readonly listTasksUseCase: ListTasksUseCase,
    private readonly getTaskUseCase: GetTaskUseCase,
    private readonly claimTaskUseCase: ClaimTaskUseCase,
    private readonly decideTaskUseCase: DecideTaskUseCase,
    private readonly watchQueueUseCase: WatchQueueUseCase,
  ) {}

  async listTasks(
    request: approvalV1.ListTasksRequest,
    metadata?: Metadata,
  ): Promise<approvalV1.ListTasksResponse> {
    const query = listTasksQuery(request, callerOf(metadata));
    const page = await this.listTasksUseCase.execute(query);
    return {
      tasks: page.tasks.map((t) => taskMessage(snapshotOf(t, page.at))),
      nextPageToken: page.next
        ? encodePageToken(page.next, [query.status, query.matterCode, query.regionCode])
        : '',
    };
  }

  watchQueue(
    request: approvalV1.WatchQueueRequest,
    metadata?: Metadata,
    call?: ServerWritableStream<approvalV1.WatchQueueRequest, approvalV1.WatchQueueResponse>,
  ): Observable<approvalV1.WatchQueueResponse> {
    // Response headers go out once the stream is live, so a client knows from when nothing is missed.
    const onLive = () => {
      if (call && !call.cancelled) call.sendMetadata(new Metadata());
    };
    return defer(() =>
      this.watchQueueUseCase.execute({ ...watchQueueCommand(request, callerOf(metadata)), onLive }),
    ).pipe(map((event) => ({ event: queueEventMessage(event) })));
  }

  async getTask(
    request: approvalV1.GetTaskRequest,
    metadata?: Metadata,
  ): Promise<approvalV1.GetTaskResponse> {
    const details = await this.getTaskUseCase.execute(getTaskQuery(request, callerOf(metadata)));
    return {
      task: taskMessage(snapshotOf(details.task, details.at)),
      caseSummary: caseSummaryMessage(details.task),
      history: details.history.map(historyEntryMessage),
    };
  }

  async claimTask(
    request: approvalV1.ClaimTaskRequest,
    metadata?: Metadata,
  ): Promise<approvalV1.ClaimTaskResponse> {
    const task = await this.claimTaskUseCase.execute(claimTaskCommand(request, callerOf(metadata)));
    return { task: taskMessage(snapshotOf(task, new Date())) };
  }

  async decideTask(
    request: approvalV1.DecideTaskRequest,
    metadata?: Metadata,
  ): Promise<approvalV1.DecideTaskResponse> {
    const task = await this.decideTaskUseCase.execute(decideTaskCommand(request, callerOf(metadata)));
    return { task: taskMessage(snapshotOf(task, new Date())) };
  }

  releaseTask(): never {
    throw new NotServedYetError('ReleaseTask', 5);
  }

  addOpinion(): never {
    throw new NotServedYetError('AddOpinion', 5);
  }

  requestSupplement(): never {
    throw new NotServedYetError('RequestSupplement', 5);
  }

  suspendTask(): never {
    throw new NotServedYetError('SuspendTask', 5);
  }

  resumeTask(): never {
    throw new NotServedYetError('ResumeTask', 5);
  }

  transferTask(): never {
    throw new NotServedYetError('TransferTask', 5);
  }
}
