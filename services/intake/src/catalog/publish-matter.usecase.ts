import { HttpStatus, Injectable } from '@nestjs/common';
import { EventTypes, type MatterPublished } from '@onewindow/contracts';
import { EventPublisher, ProblemException } from '@onewindow/platform';
import { DataSource } from 'typeorm';
import { definitionHash, definitionProblems, type MatterDefinition } from './domain/matter-definition';
import { DepartmentEntity, MatterVersionEntity } from './infrastructure/catalog.entities';

export interface PublishResult {
  code: string;
  version: number;
  changed: boolean;
  /** The version now in force: the new one, or the unchanged latest. */
  matter: MatterPublished;
}

/** An operator's definition may leave the department's name to the catalogue. */
export type PublishMatterCommand = Omit<MatterDefinition, 'departmentName'> & { departmentName?: string };

/** Publishes a new version of a matter when its definition changed; the event feeds every read model. */
@Injectable()
export class PublishMatterUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventPublisher,
  ) {}

  async execute(cmd: PublishMatterCommand): Promise<PublishResult> {
    const problems = definitionProblems({ ...cmd, departmentName: cmd.departmentName ?? '' });
    if (problems.length) {
      throw new ProblemException('invalid-matter-definition', 'The matter definition is not valid', HttpStatus.UNPROCESSABLE_ENTITY, problems.join('; '), { problems });
    }
    return this.dataSource.transaction(async (m) => {
      const departments = await m.findBy(DepartmentEntity, [{ code: cmd.departmentCode }, ...cmd.coDepartmentCodes.map((code) => ({ code }))]);
      const unknown = [cmd.departmentCode, ...cmd.coDepartmentCodes].filter((c) => !departments.some((d) => d.code === c));
      if (unknown.length) {
        throw new ProblemException('unknown-department', 'No such department', HttpStatus.UNPROCESSABLE_ENTITY, unknown.join(', '), { departmentCodes: unknown });
      }
      const def: MatterDefinition = { ...cmd, departmentName: cmd.departmentName ?? departments.find((d) => d.code === cmd.departmentCode)?.name ?? cmd.departmentCode };
      const hash = definitionHash(def);
      // Serialises concurrent publications of one matter.
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`matter:${def.code}`]);
      const latest = await m.findOne(MatterVersionEntity, { where: { code: def.code }, order: { version: 'DESC' } });
      if (latest && latest.definitionHash === hash) return { code: def.code, version: latest.version, changed: false, matter: latest.definition };
      const published: MatterPublished = { ...def, version: (latest?.version ?? 0) + 1, publishedAt: new Date().toISOString() };
      await m.insert(MatterVersionEntity, {
        code: def.code,
        version: published.version,
        name: def.name,
        departmentCode: def.departmentCode,
        status: def.status,
        definition: published,
        definitionHash: hash,
        publishedAt: new Date(published.publishedAt),
      });
      await this.events.publish(m, EventTypes.MatterPublished, def.code, published);
      return { code: def.code, version: published.version, changed: true, matter: published };
    });
  }
}
