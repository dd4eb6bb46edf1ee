import { Metadata, type ServerWritableStream } from '@grpc/grpc-js';
import { Controller, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { faultPoint, GrpcRequestGuard } from '@onewindow/platform';
import { approvalV1 } from '@onewindow/proto';
import { defer, map, type Observable } from 'rxjs';
import { ClaimTaskUseCase } from './claim-task.usecase';
import { DecideTaskUseCase } from './decide-task.usecase';
import { snapshotOf } from './domain/task-snapshot';
import { GetTaskUseCase } from './get-task.usecase';
import { encodePageToken } from './grpc/cursors';
import { callerOf, DepartmentCallerGuard } from './grpc/department-caller';
import { DepartmentQueueErrorFilter } from './grpc/grpc-errors.filter';
import { GrpcCorrelationInterceptor } from './grpc/grpc-correlation.interceptor';
import {
  addOpinionCommand,
  claimTaskCommand,
  decideTaskCommand,
  getTaskQuery,
  listTasksQuery,
  releaseTaskCommand,
  requestSupplementCommand,
  resumeTaskCommand,
  suspendTaskCommand,
  transferTaskCommand,
  watchQueueCommand,
} from './grpc/requests';
import {
  caseSummaryMessage,
  historyEntryMessage,
  queueEventMessage,
  taskMessage,
} from './grpc/task-messages';
import { ListTasksUseCase } from './list-tasks.usecase';
import { type MoveResult, TaskMovesUseCase } from './task-moves.usecase';
import { WatchQueueUseCase } from './watch-queue.usecase';

const taskOf = (r: MoveResult) => ({ task: taskMessage(r.task) });

/** The gRPC door of department systems: each handler maps its request to a use case and the result back. */
@Controller()
@UseGuards(DepartmentCallerGuard, GrpcRequestGuard)
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
    private readonly moves: TaskMovesUseCase,
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
    // The decision is committed; the answer can still miss the caller's deadline.
    await faultPoint('grpc.decide.after-apply');
    return { task: taskMessage(snapshotOf(task, new Date())) };
  }

  async releaseTask(
    request: approvalV1.ReleaseTaskRequest,
    metadata?: Metadata,
  ): Promise<approvalV1.ReleaseTaskResponse> {
    return taskOf(await this.moves.release(releaseTaskCommand(request, callerOf(metadata))));
  }

  async addOpinion(
    request: approvalV1.AddOpinionRequest,
    metadata?: Metadata,
  ): Promise<approvalV1.AddOpinionResponse> {
    const r = await this.moves.addOpinion(addOpinionCommand(request, callerOf(metadata)));
    return { entry: r.entry ? historyEntryMessage(r.entry) : null };
  }

  async requestSupplement(
    request: approvalV1.RequestSupplementRequest,
    metadata?: Metadata,
  ): Promise<approvalV1.RequestSupplementResponse> {
    return taskOf(await this.moves.requestSupplement(requestSupplementCommand(request, callerOf(metadata))));
  }

  async suspendTask(
    request: approvalV1.SuspendTaskRequest,
    metadata?: Metadata,
  ): Promise<approvalV1.SuspendTaskResponse> {
    return taskOf(await this.moves.suspend(suspendTaskCommand(request, callerOf(metadata))));
  }

  async resumeTask(
    request: approvalV1.ResumeTaskRequest,
    metadata?: Metadata,
  ): Promise<approvalV1.ResumeTaskResponse> {
    return taskOf(await this.moves.resume(resumeTaskCommand(request, callerOf(metadata))));
  }

  async transferTask(
    request: approvalV1.TransferTaskRequest,
    metadata?: Metadata,
  ): Promise<approvalV1.TransferTaskResponse> {
    return taskOf(await this.moves.transfer(transferTaskCommand(request, callerOf(metadata))));
  }
}
