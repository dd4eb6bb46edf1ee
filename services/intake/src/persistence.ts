import { InitialIntake1764200000000 } from '../migrations/1764200000000-initial-intake';
import { CaseEntity, IdempotencyKeyEntity, TimelineEntryEntity } from './cases/infrastructure/case.entities';
import { DepartmentEntity, MatterVersionEntity, RegionEntity } from './catalog/infrastructure/catalog.entities';

/** Everything intake stores, in one list for the app module and the seed command. */
export const INTAKE_ENTITIES = [
  RegionEntity,
  DepartmentEntity,
  MatterVersionEntity,
  CaseEntity,
  TimelineEntryEntity,
  IdempotencyKeyEntity,
];
export const INTAKE_MIGRATIONS = [InitialIntake1764200000000];
