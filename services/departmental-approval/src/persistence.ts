import { InitialDepartmentalApproval1764400000000 } from '../migrations/1764400000000-initial-departmental-approval';
import { ApprovalTaskEntity, QueueEventEntity } from './tasks/infrastructure/task.entities';

/** Everything departmental-approval stores, in one list for the app module and tests. */
export const DEPARTMENTAL_APPROVAL_ENTITIES = [ApprovalTaskEntity, QueueEventEntity];
export const DEPARTMENTAL_APPROVAL_MIGRATIONS = [InitialDepartmentalApproval1764400000000];
