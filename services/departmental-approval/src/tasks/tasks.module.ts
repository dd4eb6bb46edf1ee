import { Module } from '@nestjs/common';
import { AssignTasksUseCase } from './assign-tasks.usecase';
import { CancelOpenTasksUseCase } from './cancel-open-tasks.usecase';
import { CaseClosedConsumer } from './case-closed.consumer';
import { CaseRoutedConsumer } from './case-routed.consumer';
import { CaseSupplementedConsumer } from './case-supplemented.consumer';
import { ClaimTaskUseCase } from './claim-task.usecase';
import { DecideTaskUseCase } from './decide-task.usecase';
import { DepartmentQueueGrpc } from './department-queue.grpc';
import { GetTaskUseCase } from './get-task.usecase';
import { DepartmentCallerGuard } from './grpc/department-caller';
import { DepartmentQueueErrorFilter } from './grpc/grpc-errors.filter';
import { GrpcCorrelationInterceptor } from './grpc/grpc-correlation.interceptor';
import { ApprovalTaskRepository } from './infrastructure/approval-task.repository';
import { QueueEventLog } from './infrastructure/queue-event-log';
import { QueueNotifier } from './infrastructure/queue-notifier';
import { DeadlineSweeper } from './deadline-sweeper';
import { DeadlineWarnings } from './infrastructure/deadline-warnings';
import { LeaseSweeper } from './lease-sweeper';
import { ListTasksUseCase } from './list-tasks.usecase';
import { SupplementReceivedUseCase } from './supplement-received.usecase';
import { TaskMovesUseCase } from './task-moves.usecase';
import { WatchQueueUseCase } from './watch-queue.usecase';

@Module({
  controllers: [CaseRoutedConsumer, CaseSupplementedConsumer, CaseClosedConsumer, DepartmentQueueGrpc],
  providers: [
    ApprovalTaskRepository,
    QueueEventLog,
    QueueNotifier,
    AssignTasksUseCase,
    ListTasksUseCase,
    GetTaskUseCase,
    ClaimTaskUseCase,
    DecideTaskUseCase,
    WatchQueueUseCase,
    TaskMovesUseCase,
    SupplementReceivedUseCase,
    CancelOpenTasksUseCase,
    LeaseSweeper,
    DeadlineWarnings,
    DeadlineSweeper,
    DepartmentCallerGuard,
    DepartmentQueueErrorFilter,
    GrpcCorrelationInterceptor,
  ],
})
export class TasksModule {}
