import { HttpStatus, Injectable } from '@nestjs/common';
import { type BundlePublished, EventTypes } from '@onewindow/contracts';
import { EventPublisher, ProblemException } from '@onewindow/platform';
import { DataSource, In } from 'typeorm';
import { type BundleDefinition, type BundledMatterFacts, bundleProblems } from './domain/bundle-definition';
import { contentHash } from './domain/matter-definition';
import {
  BundleVersionEntity,
  DepartmentEntity,
  MatterVersionEntity,
} from './infrastructure/catalog.entities';

export interface PublishBundleResult {
  code: string;
  version: number;
  changed: boolean;
  bundle: BundlePublished;
}

/** Publishes a new version of a bundle (一件事) when its definition changed, as `catalog.bundle-published`. */
@Injectable()
export class PublishBundleUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventPublisher,
  ) {}

  async execute(def: BundleDefinition): Promise<PublishBundleResult> {
    return this.dataSource.transaction(async (m) => {
      const codes = [...new Set(def.matters.map((x) => x.matterCode))];
      const rows: MatterVersionEntity[] = codes.length
        ? await m
            .getRepository(MatterVersionEntity)
            .createQueryBuilder('v')
            .distinctOn(['v.code'])
            .where({ code: In(codes) })
            .orderBy('v.code')
            .addOrderBy('v.version', 'DESC')
            .getMany()
        : [];
      const facts = new Map<string, BundledMatterFacts>(
        rows.map((r) => [r.code, { code: r.code, status: r.status, regionCodes: r.definition.regionCodes }]),
      );
      const problems = bundleProblems(def, facts);
      if (!(await m.existsBy(DepartmentEntity, { code: def.leadDepartmentCode })))
        problems.push(`unknown lead department ${def.leadDepartmentCode}`);
      if (problems.length) {
        throw new ProblemException(
          'invalid-bundle-definition',
          'The bundle definition is not valid',
          HttpStatus.UNPROCESSABLE_ENTITY,
          problems.join('; '),
          { problems },
        );
      }
      const hash = contentHash(def);
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`bundle:${def.code}`]);
      const latest = await m.findOne(BundleVersionEntity, {
        where: { code: def.code },
        order: { version: 'DESC' },
      });
      if (latest && latest.definitionHash === hash)
        return { code: def.code, version: latest.version, changed: false, bundle: latest.definition };
      const published: BundlePublished = {
        ...def,
        version: (latest?.version ?? 0) + 1,
        publishedAt: new Date().toISOString(),
      };
      await m.insert(BundleVersionEntity, {
        code: def.code,
        version: published.version,
        name: def.name,
        leadDepartmentCode: def.leadDepartmentCode,
        status: def.status,
        definition: published,
        definitionHash: hash,
        publishedAt: new Date(published.publishedAt),
      });
      await this.events.publish(m, EventTypes.BundlePublished, def.code, published);
      return { code: def.code, version: published.version, changed: true, bundle: published };
    });
  }
}
