import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '@onewindow/platform';
import type { SupervisionConfig } from '../config/supervision.config';
import type { MeasureFilter } from '../measures/infrastructure/measures.repository';
import { MeasuresRepository } from '../measures/infrastructure/measures.repository';
import { Names } from '../measures/measures.usecases';
import { rank } from './domain/ranking';
import type { RankingDto, RankingLevel } from './dto/ranking.dto';

/** 排名: cities or departments scored on timeliness, one visit, online share and evaluation. */
@Injectable()
export class RankingUseCase {
  constructor(
    private readonly repo: MeasuresRepository,
    private readonly names: Names,
    @Inject(CONFIG) private readonly config: SupervisionConfig,
  ) {}

  async execute(f: MeasureFilter & { level?: RankingLevel }): Promise<RankingDto> {
    const level = f.level ?? 'city';
    const [cases, evaluations, matters] = await Promise.all([this.repo.cases(f), this.repo.evaluations(f), this.repo.matters()]);
    const department = await this.names.departments();
    const rows = rank(
      cases,
      evaluations.map((e) => ({ score: e.score, unit: level === 'city' ? e.cityCode : e.departmentCode })),
      matters,
      (c) => (level === 'city' ? c.cityCode : c.departmentCode),
      this.config.RANKING_WEIGHTS,
    );
    return {
      level,
      weights: this.config.RANKING_WEIGHTS,
      rows: rows.map((r) => ({ ...r, name: level === 'city' ? this.names.region(r.key) : department(r.key) })),
    };
  }
}
