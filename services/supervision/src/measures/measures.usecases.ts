import { Injectable } from '@nestjs/common';
import { chinaDate } from '@onewindow/domain';
import { ReferenceData } from '../reference/reference-data';
import type { CaseFact } from './domain/case-fact';
import { type Count, evaluationBreakdown, speed, targets, volume, weeklyActiveApplicants } from './domain/measures';
import type { ActiveApplicantsDto, CountDto, EvaluationsDto, OverdueDto, SpeedDto, TargetsDto, VolumeDto } from './dto/measures.dto';
import { type MeasureFilter, MeasuresRepository } from './infrastructure/measures.repository';

/** Names for codes: departments from the catalogue (else the seed list), regions from the seed list. */
@Injectable()
export class Names {
  constructor(
    private readonly repo: MeasuresRepository,
    private readonly reference: ReferenceData,
  ) {}

  async departments(): Promise<(code: string) => string> {
    const fromCatalogue = await this.repo.departmentNames();
    return (code) => fromCatalogue.get(code) ?? this.reference.departmentName(code);
  }

  region(code: string): string {
    return this.reference.regionName(code);
  }
}

const named = (counts: Count[], name: (key: string) => string): CountDto[] => counts.map((c) => ({ ...c, name: name(c.key) }));

@Injectable()
export class VolumeUseCase {
  constructor(
    private readonly repo: MeasuresRepository,
    private readonly names: Names,
  ) {}

  async execute(f: MeasureFilter): Promise<VolumeDto> {
    const cases = await this.repo.cases(f);
    const v = volume(cases);
    const department = await this.names.departments();
    const matterNames = new Map(cases.map((c: CaseFact) => [c.matterCode, c.matterName]));
    return {
      ...v,
      byDepartment: named(v.byDepartment, department),
      byMatter: named(v.byMatter, (k) => matterNames.get(k) ?? k),
      byCity: named(v.byCity, (k) => this.names.region(k)),
      byRegion: named(v.byRegion, (k) => this.names.region(k)),
    };
  }
}

@Injectable()
export class ActiveApplicantsUseCase {
  constructor(private readonly repo: MeasuresRepository) {}

  async execute(f: MeasureFilter): Promise<ActiveApplicantsDto> {
    return { byWeek: weeklyActiveApplicants(await this.repo.cases(f)) };
  }
}

@Injectable()
export class SpeedUseCase {
  constructor(
    private readonly repo: MeasuresRepository,
    private readonly names: Names,
  ) {}

  async execute(f: MeasureFilter): Promise<SpeedDto> {
    const cases = await this.repo.cases(f);
    const s = speed(cases);
    const department = await this.names.departments();
    const matterNames = new Map(cases.map((c) => [c.matterCode, c.matterName]));
    return {
      ...s,
      byDepartment: s.byDepartment.map((g) => ({ ...g, name: department(g.key) })),
      byMatter: s.byMatter.map((g) => ({ ...g, name: matterNames.get(g.key) ?? g.key })),
    };
  }
}

@Injectable()
export class OverdueUseCase {
  constructor(
    private readonly repo: MeasuresRepository,
    private readonly names: Names,
  ) {}

  /** Overdue now: the period does not apply, region and department do. */
  async execute(f: MeasureFilter): Promise<OverdueDto> {
    const tasks = await this.repo.overdueTasks(f);
    const department = await this.names.departments();
    const byDepartment = new Map<string, number>();
    for (const t of tasks) byDepartment.set(t.departmentCode, (byDepartment.get(t.departmentCode) ?? 0) + 1);
    return {
      total: tasks.length,
      red: tasks.filter((t) => t.level === 'RED').length,
      escalated: tasks.filter((t) => t.level === 'ESCALATION').length,
      byDepartment: [...byDepartment]
        .map(([key, cases]) => ({ key, name: department(key), cases }))
        .sort((a, b) => b.cases - a.cases || (a.key < b.key ? -1 : 1)),
      tasks: tasks.map((t) => ({
        taskId: t.taskId,
        caseId: t.caseId,
        caseNo: t.caseNo,
        departmentCode: t.departmentCode,
        departmentName: department(t.departmentCode),
        level: t.level,
        deadline: t.deadline,
        overdueAt: t.overdueAt.toISOString(),
      })),
    };
  }
}

@Injectable()
export class TargetsUseCase {
  constructor(private readonly repo: MeasuresRepository) {}

  async execute(f: MeasureFilter): Promise<TargetsDto> {
    return targets(await this.repo.cases(f), await this.repo.matters(f.departmentCode));
  }
}

@Injectable()
export class EvaluationsUseCase {
  constructor(private readonly repo: MeasuresRepository) {}

  async execute(f: MeasureFilter): Promise<EvaluationsDto> {
    const evaluations = await this.repo.evaluations(f);
    return {
      ...evaluationBreakdown(evaluations),
      rectifications: await this.repo.rectificationCounts(f, chinaDate(new Date())),
    };
  }
}
