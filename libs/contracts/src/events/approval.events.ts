import { type Static, Type } from '@sinclair/typebox';
import { DecisionOutcome, DepartmentCode, MatterCode, Timestamp, Ulid } from './common';

const TaskRef = {
  taskId: Ulid,
  caseId: Ulid,
  caseNo: Type.String(),
  departmentCode: DepartmentCode,
};

export const TaskAssigned = Type.Object({
  ...TaskRef,
  matterCode: MatterCode,
  stage: Type.Integer({ minimum: 1 }),
  assignedAt: Timestamp,
});
export type TaskAssigned = Static<typeof TaskAssigned>;

export const TaskClaimed = Type.Object({
  ...TaskRef,
  officerId: Type.String({ minLength: 1 }),
  claimedAt: Timestamp,
  leaseExpiresAt: Timestamp,
});
export type TaskClaimed = Static<typeof TaskClaimed>;

export const TaskDecided = Type.Object({
  ...TaskRef,
  officerId: Type.String({ minLength: 1 }),
  outcome: DecisionOutcome,
  /** 容缺: approved while some documents are still to come. */
  documentsPending: Type.Boolean(),
  reason: Type.Optional(Type.String()),
  opinion: Type.Optional(Type.String()),
  decidedAt: Timestamp,
});
export type TaskDecided = Static<typeof TaskDecided>;
