import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail, ProblemException } from '@onewindow/platform';
import { DataSource } from 'typeorm';
import { assertCaseAccess } from '../cases/case-access';
import { CaseEntity } from '../cases/infrastructure/case.entities';
import { MATERIAL_FILE_STORE, type MaterialFile, type MaterialFileMeta, type MaterialFileStore } from './domain/material-file-store';
import { storageProblem } from './material-file-rules';

/**
 * A case's material files, for the clerks who may see the case itself (same centre and region):
 * another centre's case answers 404 like a missing one. Every download is on the audit trail.
 */
@Injectable()
export class ReadMaterialFilesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(MATERIAL_FILE_STORE) private readonly store: MaterialFileStore,
    private readonly audit: AuditTrail,
  ) {}

  async list(caseId: string): Promise<MaterialFileMeta[]> {
    await this.accessibleCase(caseId);
    return this.store.list(caseId);
  }

  async download(caseId: string, fileId: string): Promise<MaterialFile> {
    await this.accessibleCase(caseId);
    const f = await this.store.get(caseId, fileId).catch((e: unknown) => {
      throw storageProblem(e);
    });
    if (!f) throw ProblemException.notFound('material-file', fileId);
    await this.audit.record({ action: 'case.material-file.read', subjectType: 'case', subjectId: caseId, details: { fileId, materialCode: f.materialCode } });
    return f;
  }

  private async accessibleCase(caseId: string): Promise<CaseEntity> {
    return assertCaseAccess(await this.dataSource.getRepository(CaseEntity).findOneBy({ id: caseId }), caseId);
  }
}
