import { HttpStatus, Injectable } from '@nestjs/common';
import type { BundlePublished, CaseBundle, MatterPublished } from '@onewindow/contracts';
import { ProblemException } from '@onewindow/platform';
import type { EntityManager } from 'typeorm';
import { CatalogRepository } from '../catalog/catalog.repository';
import { bundleLimits, bundleMaterials } from './domain/bundle-form';
import type { CaseEntity } from './infrastructure/case.entities';

/**
 * What a case is filed against: one matter's version, or a bundle's (一件事) one form over its
 * matters. On a bundle case code, version and name are the bundle's, the department is its lead.
 */
export interface CaseForm {
  code: string;
  version: number;
  name: string;
  departmentCode: string;
  departmentName: string;
  materials: MatterPublished['materials'];
  legalLimitDays: number;
  promisedLimitDays: number;
  bundle?: CaseBundle;
}

function matterForm(def: MatterPublished): CaseForm {
  return {
    code: def.code,
    version: def.version,
    name: def.name,
    departmentCode: def.departmentCode,
    departmentName: def.departmentName,
    materials: def.materials,
    legalLimitDays: def.legalLimitDays,
    promisedLimitDays: def.promisedLimitDays,
  };
}

export function bundleForm(bundle: BundlePublished, members: Array<{ matter: MatterPublished; stage: number }>): CaseForm {
  const lead = members.find((x) => x.matter.departmentCode === bundle.leadDepartmentCode)?.matter;
  return {
    code: bundle.code,
    version: bundle.version,
    name: bundle.name,
    departmentCode: bundle.leadDepartmentCode,
    departmentName: lead?.departmentName ?? bundle.leadDepartmentCode,
    materials: bundleMaterials(members),
    ...bundleLimits(members),
    bundle: {
      code: bundle.code,
      version: bundle.version,
      name: bundle.name,
      matters: members.map(({ matter, stage }) => ({
        matterCode: matter.code,
        matterVersion: matter.version,
        matterName: matter.name,
        departmentCode: matter.departmentCode,
        stage,
      })),
    },
  };
}

/** The matter's version as it stands for new cases: known, not retired, offered in the region. */
export function offeredMatter(matter: MatterPublished | undefined, code: string, regionCode: string): MatterPublished {
  if (!matter) {
    throw new ProblemException('unknown-matter', 'No such matter in the catalogue', HttpStatus.UNPROCESSABLE_ENTITY, `matter ${code} does not exist`);
  }
  if (matter.status === 'RETIRED') {
    throw new ProblemException('matter-retired', 'The matter is no longer handled', HttpStatus.UNPROCESSABLE_ENTITY, `matter ${matter.code} was retired in version ${matter.version}`);
  }
  if (!matter.regionCodes.includes(regionCode)) {
    throw new ProblemException('matter-not-offered-here', 'The matter is not handled in this region', HttpStatus.UNPROCESSABLE_ENTITY, `matter ${matter.code} is not offered in region ${regionCode}`, { regionCodes: matter.regionCodes });
  }
  return matter;
}

/** The bundle's version as it stands for new cases: known, not retired, offered in the region. */
export function offeredBundle(b: BundlePublished | undefined, code: string, regionCode: string): BundlePublished {
  if (!b) throw new ProblemException('unknown-bundle', 'No such bundle in the catalogue', HttpStatus.UNPROCESSABLE_ENTITY, `bundle ${code} does not exist`);
  if (b.status === 'RETIRED')
    throw new ProblemException('bundle-retired', 'The bundle is no longer handled', HttpStatus.UNPROCESSABLE_ENTITY, `bundle ${b.code} was retired in version ${b.version}`);
  if (!b.regionCodes.includes(regionCode)) {
    throw new ProblemException('bundle-not-offered-here', 'The bundle is not handled in this region', HttpStatus.UNPROCESSABLE_ENTITY, `bundle ${b.code} is not offered in region ${regionCode}`, { regionCodes: b.regionCodes });
  }
  return b;
}

@Injectable()
export class CaseForms {
  constructor(private readonly catalog: CatalogRepository) {}

  /** A new case's form: the current version of the matter, or of the bundle and each of its matters. */
  async current(m: EntityManager, target: { matterCode?: string; bundleCode?: string }, regionCode: string): Promise<CaseForm> {
    if (target.matterCode && target.bundleCode) {
      throw new ProblemException('matter-and-bundle', 'A case is for one matter or one bundle', HttpStatus.BAD_REQUEST, 'give matterCode or bundleCode, not both');
    }
    if (target.bundleCode) {
      const code = target.bundleCode;
      const bundle = offeredBundle((await this.catalog.findBundle(code, undefined, m))?.definition, code, regionCode);
      const members: Array<{ matter: MatterPublished; stage: number }> = [];
      const unavailable: string[] = [];
      for (const bm of bundle.matters) {
        try {
          const def = offeredMatter((await this.catalog.findVersion(bm.matterCode, undefined, m))?.definition, bm.matterCode, regionCode);
          members.push({ matter: def, stage: bm.stage });
        } catch (e) {
          if (!(e instanceof ProblemException)) throw e;
          unavailable.push(`${bm.matterCode}: ${e.detail ?? e.title}`);
        }
      }
      if (unavailable.length) {
        throw new ProblemException('bundle-matter-unavailable', 'A matter of the bundle cannot be handled', HttpStatus.UNPROCESSABLE_ENTITY, unavailable.join('; '), { unavailable });
      }
      return bundleForm(bundle, members);
    }
    if (!target.matterCode) {
      throw new ProblemException('matter-or-bundle-required', 'A case names a matter or a bundle', HttpStatus.BAD_REQUEST, 'give matterCode or bundleCode');
    }
    const code = target.matterCode;
    return matterForm(offeredMatter((await this.catalog.findVersion(code, undefined, m))?.definition, code, regionCode));
  }

  /**
   * A bundle's form as it stands now, wherever it is offered: for the clerk's check before filing.
   * Unknown → 404; retired, or a matter of it missing or retired → 422.
   */
  async currentBundle(m: EntityManager, code: string): Promise<CaseForm> {
    const bundle = (await this.catalog.findBundle(code, undefined, m))?.definition;
    if (!bundle) throw ProblemException.notFound('bundle', code);
    if (bundle.status === 'RETIRED') throw new ProblemException('bundle-retired', 'The bundle is no longer handled', HttpStatus.UNPROCESSABLE_ENTITY, `bundle ${code} was retired in version ${bundle.version}`);
    const members: Array<{ matter: MatterPublished; stage: number }> = [];
    const unavailable: string[] = [];
    for (const bm of bundle.matters) {
      const def = (await this.catalog.findVersion(bm.matterCode, undefined, m))?.definition;
      if (def && def.status === 'ACTIVE') members.push({ matter: def, stage: bm.stage });
      else unavailable.push(`${bm.matterCode}: ${def ? 'retired' : 'unknown'}`);
    }
    if (unavailable.length) {
      throw new ProblemException('bundle-matter-unavailable', 'A matter of the bundle cannot be handled', HttpStatus.UNPROCESSABLE_ENTITY, unavailable.join('; '), { unavailable });
    }
    return bundleForm(bundle, members);
  }

  /** The form a case was registered under: the versions it recorded, never newer ones. */
  async ofCase(m: EntityManager, c: CaseEntity): Promise<CaseForm> {
    if (c.bundle) {
      const recorded = c.bundle;
      const bundle = await this.catalog.findBundle(recorded.code, recorded.version, m);
      if (!bundle) throw new Error(`bundle ${recorded.code} v${recorded.version} of case ${c.id} is missing`);
      const members = await Promise.all(
        recorded.matters.map(async (x) => {
          const v = await this.catalog.findVersion(x.matterCode, x.matterVersion, m);
          if (!v) throw new Error(`matter ${x.matterCode} v${x.matterVersion} of case ${c.id} is missing`);
          return { matter: v.definition, stage: x.stage };
        }),
      );
      return bundleForm(bundle.definition, members);
    }
    const matter = await this.catalog.findVersion(c.matterCode, c.matterVersion, m);
    if (!matter) throw new Error(`matter ${c.matterCode} v${c.matterVersion} of case ${c.id} is missing`);
    return matterForm(matter.definition);
  }
}
