import { HttpStatus, Injectable } from '@nestjs/common';
import { chinaDate } from '@onewindow/domain';
import { ProblemException } from '@onewindow/platform';
import { DataSource } from 'typeorm';
import { CatalogRepository } from '../catalog/catalog.repository';
import { CaseForms } from './case-form';
import { CaseMaterials } from './case-materials';
import type { MaterialsCheckDto, MaterialsCheckView } from './cases.dto';
import { missingProblem } from './domain/supplement-notice';

/** The clerk's check before registering: what the matter's latest version would still ask for. Saves nothing. */
@Injectable()
export class CheckMaterialsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogRepository,
    private readonly materials: CaseMaterials,
    private readonly forms: CaseForms,
  ) {}

  /** The same check over a bundle's one form (一件事): the union of its matters' materials. */
  async executeForBundle(bundleCode: string, cmd: MaterialsCheckDto): Promise<MaterialsCheckView> {
    const form = await this.forms.currentBundle(this.dataSource.manager, bundleCode);
    const { check } = await this.materials.check(
      this.dataSource.manager,
      form,
      cmd.applicantIdNumber,
      cmd.materials.map((x) => x.code),
      chinaDate(new Date()),
    );
    return {
      complete: check.missing.length === 0 && check.unknown.length === 0,
      matter: { code: form.code, version: form.version, name: form.name },
      missing: check.missing.map((x) => ({ ...x, problem: missingProblem(x) })),
      unknown: check.unknown,
      reused: check.reused,
    };
  }

  async execute(matterCode: string, cmd: MaterialsCheckDto): Promise<MaterialsCheckView> {
    const matter = (await this.catalog.findVersion(matterCode))?.definition;
    if (!matter) throw ProblemException.notFound('matter', matterCode);
    if (matter.status === 'RETIRED') {
      throw new ProblemException(
        'matter-retired',
        'The matter is no longer handled',
        HttpStatus.UNPROCESSABLE_ENTITY,
        `matter ${matter.code} was retired in version ${matter.version}`,
      );
    }
    const { check } = await this.materials.check(
      this.dataSource.manager,
      matter,
      cmd.applicantIdNumber,
      cmd.materials.map((x) => x.code),
      chinaDate(new Date()),
    );
    return {
      complete: check.missing.length === 0 && check.unknown.length === 0,
      matter: { code: matter.code, version: matter.version, name: matter.name },
      missing: check.missing.map((x) => ({ ...x, problem: missingProblem(x) })),
      unknown: check.unknown,
      reused: check.reused,
    };
  }
}
