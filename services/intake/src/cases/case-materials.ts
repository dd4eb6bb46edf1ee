import { Injectable } from '@nestjs/common';
import type { MaterialStatus, MatterPublished } from '@onewindow/contracts';
import type { EntityManager } from 'typeorm';
import { reusableMaterials } from '../documents/domain/material-reuse';
import { IssuedDocumentsRepository } from '../documents/issued-documents.repository';
import { checkMaterials, type MaterialCheck } from './domain/materials-check';

export interface MaterialsOutcome {
  check: MaterialCheck;
  /** One entry per material of the matter's version (of the bundle's one form), as the case records it. */
  statuses: MaterialStatus[];
}

/** The materials check against a matter's version, with what the applicant's issued documents already provide (共享材料). */
@Injectable()
export class CaseMaterials {
  constructor(private readonly documents: IssuedDocumentsRepository) {}

  async check(
    m: EntityManager,
    matter: Pick<MatterPublished, 'materials'>,
    applicantIdNumber: string | undefined,
    providedCodes: string[],
    today: string,
  ): Promise<MaterialsOutcome> {
    const sources = [
      ...new Set(matter.materials.flatMap((x) => (x.shareable ? (x.providedByMatterCodes ?? []) : []))),
    ];
    const documents = applicantIdNumber
      ? await this.documents.forHolder(m, applicantIdNumber, sources)
      : [];
    const check = checkMaterials(
      matter.materials,
      providedCodes,
      reusableMaterials(matter.materials, documents, today),
    );
    const reused = new Map(check.reused.map((r) => [r.code, r.documentNo]));
    const statuses = matter.materials.map((x): MaterialStatus => {
      const documentNo = reused.get(x.code);
      return {
        code: x.code,
        name: x.name,
        required: x.required,
        provided: check.provided.includes(x.code) || documentNo !== undefined,
        ...(documentNo ? { reusedFromDocumentNo: documentNo } : {}),
      };
    });
    return { check, statuses };
  }
}
