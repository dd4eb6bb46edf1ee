import { AuditAppend1765400000000 } from '../migrations/1765400000000-audit-append';
import { InitialDepartmentalApproval1764400000000 } from '../migrations/1764400000000-initial-departmental-approval';
import { TaskMovesAndClock1764500000000 } from '../migrations/1764500000000-task-moves-and-clock';
import { TaskCancellation1764600000000 } from '../migrations/1764600000000-task-cancellation';
import { AuditTrail1765200000000 } from '../migrations/1765200000000-audit-trail';
import {
  ApprovalTaskEntity,
  DeadlineWarningEntity,
  QueueEventEntity,
  TaskRequestEntity,
} from './tasks/infrastructure/task.entities';

/** Everything departmental-approval stores, in one list for the app module and tests. */
export const DEPARTMENTAL_APPROVAL_ENTITIES = [
  ApprovalTaskEntity,
  QueueEventEntity,
  TaskRequestEntity,
  DeadlineWarningEntity,
];
export const DEPARTMENTAL_APPROVAL_MIGRATIONS = [
  InitialDepartmentalApproval1764400000000,
  TaskMovesAndClock1764500000000,
  TaskCancellation1764600000000,
  AuditTrail1765200000000,
  AuditAppend1765400000000,
];
