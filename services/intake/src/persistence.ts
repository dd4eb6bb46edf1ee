import { AuditAppend1765400000000 } from '../migrations/1765400000000-audit-append';
import { InitialIntake1764200000000 } from '../migrations/1764200000000-initial-intake';
import { FrontDesk1764300000000 } from '../migrations/1764300000000-front-desk';
import { MaterialFiles1764300000001 } from '../migrations/1764300000001-material-files';
import { MaterialFileStorage1764460800001 } from '../migrations/1764460800001-material-file-storage';
import { CaseSecurity1764900000000 } from '../migrations/1764900000000-case-security';
import { RevokedDocuments1765000000000 } from '../migrations/1765000000000-revoked-documents';
import { BundleCases1765100000000 } from '../migrations/1765100000000-bundle-cases';
import { KeyedHolderKeys1765200000000 } from '../migrations/1765200000000-keyed-holder-keys';
import { CaseEntity, IdempotencyKeyEntity, TimelineEntryEntity } from './cases/infrastructure/case.entities';
import { BundleVersionEntity, DepartmentEntity, MatterVersionEntity, RegionEntity } from './catalog/infrastructure/catalog.entities';
import { IssuedDocumentEntity } from './documents/infrastructure/issued-document.entity';
import { MaterialFileEntity } from './materials/infrastructure/material-file.entity';

/** Everything intake stores, in one list for the app module and the seed command. */
export const INTAKE_ENTITIES = [
  RegionEntity,
  DepartmentEntity,
  MatterVersionEntity,
  BundleVersionEntity,
  CaseEntity,
  TimelineEntryEntity,
  IdempotencyKeyEntity,
  IssuedDocumentEntity,
  MaterialFileEntity,
];
export const INTAKE_MIGRATIONS = [
  InitialIntake1764200000000,
  FrontDesk1764300000000,
  MaterialFiles1764300000001,
  MaterialFileStorage1764460800001,
  CaseSecurity1764900000000,
  RevokedDocuments1765000000000,
  BundleCases1765100000000,
  KeyedHolderKeys1765200000000,
  AuditAppend1765400000000,
];
