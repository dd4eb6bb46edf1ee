import { Injectable } from '@nestjs/common';
import { speed, targets, volume } from '../measures/domain/measures';
import { monthRange } from '../measures/domain/periods';
import { MeasuresRepository } from '../measures/infrastructure/measures.repository';
import { EvaluationsUseCase, Names, OverdueUseCase } from '../measures/measures.usecases';
import { RankingUseCase } from '../ranking/ranking.usecase';
import type { RankingRowDto } from '../ranking/dto/ranking.dto';
import { renderReportPdf, type ReportContent } from '@onewindow/pdf';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null) => (v === null ? '—' : String(v));

/** 一月一通报: the month's figures, the rankings of cities and departments, overdue tasks and rectifications. */
@Injectable()
export class MonthlyBulletinUseCase {
  constructor(
    private readonly repo: MeasuresRepository,
    private readonly ranking: RankingUseCase,
    private readonly overdue: OverdueUseCase,
    private readonly evaluations: EvaluationsUseCase,
    private readonly names: Names,
  ) {}

  async execute(month: string, now = new Date()): Promise<{ filename: string; pdf: Buffer }> {
    const period = monthRange(month);
    const [cases, matters] = await Promise.all([this.repo.cases(period), this.repo.matters()]);
    const v = volume(cases);
    const s = speed(cases);
    const t = targets(cases, matters);
    const [cities, departments, overdue, ev] = await Promise.all([
      this.ranking.execute({ ...period, level: 'city' }),
      this.ranking.execute({ ...period, level: 'department' }),
      this.overdue.execute({}),
      this.evaluations.execute(period),
    ]);
    const [y, m] = month.split('-');
    const department = await this.names.departments();
    const rankingTable = (title: string, rows: RankingRowDto[]) => ({
      title,
      columns: [
        { header: '名次', width: 34, align: 'right' as const },
        { header: '名称', width: 150 },
        { header: '办件量', width: 46, align: 'right' as const },
        { header: '综合得分', width: 52, align: 'right' as const },
        { header: '按时办结', width: 56, align: 'right' as const },
        { header: '最多跑一次', width: 60, align: 'right' as const },
        { header: '网办率', width: 50, align: 'right' as const },
        { header: '评价', width: 50, align: 'right' as const },
      ],
      rows: rows.map((r) => [String(r.rank), r.name, String(r.cases), r.score.toFixed(2), pct(r.timeliness), pct(r.oneVisit), pct(r.online), pct(r.evaluation)]),
    });
    const content: ReportContent = {
      title: '政务服务“一网一门一次”改革工作通报',
      subtitle: `${y}年${Number(m)}月（${period.from} 至 ${period.to}）`,
      summary: [
        `一、总体情况。本月受理办件 ${v.total} 件，其中网上申请 ${t.online.numerator} 件（网办率 ${pct(t.online.share)}）。`,
        `已办结 ${s.decided} 件，承诺时限内办结率 ${pct(s.promisedShare)}，法定时限内办结率 ${pct(s.legalShare)}，` +
          `平均办理 ${num(s.averageDecisionWorkingDays)} 个工作日，受理至出件平均 ${num(s.averageHandoverWorkingDays)} 个工作日。`,
        `“最多跑一次”事项占比 ${pct(t.oneVisitMatters.share)}；已出件办件中最多跑一次的占 ${pct(t.oneVisitCases.share)}；` +
          `共享复用材料占比 ${pct(t.materialsReused.share)}（目标 70%）；综合窗口受理事项占比 ${pct(t.comprehensiveWindowMatters.share)}（目标 80%）。`,
        `二、好差评。本月收到评价 ${ev.total} 条，平均 ${num(ev.averageScore)} 分，好评率 ${pct(ev.goodShare)}，差评 ${ev.poor} 条；` +
          `整改中 ${ev.rectifications.open} 件（逾期 ${ev.rectifications.overdue} 件），已答复 ${ev.rectifications.responded} 件，` +
          `已回访 ${ev.rectifications.followedUp} 件，已办结 ${ev.rectifications.closed} 件。`,
        `三、超期督办。截至通报时，超承诺时限未办结 ${overdue.red} 件，超法定时限（督办）${overdue.escalated} 件。`,
        `排名权重：按时办结 ${pct(cities.weights.timeliness)}、最多跑一次 ${pct(cities.weights.oneVisit)}、网办率 ${pct(cities.weights.online)}、评价 ${pct(cities.weights.evaluation)}。`,
      ],
      tables: [
        rankingTable('四、市州排名', cities.rows),
        rankingTable('五、部门排名', departments.rows),
        {
          title: '六、超期未办结任务（按部门）',
          columns: [
            { header: '部门', width: 300 },
            { header: '超期任务', width: 80, align: 'right' },
          ],
          rows: overdue.byDepartment.map((d) => [d.name ?? department(d.key), String(d.cases)]),
        },
      ],
      footer: `生成时间 ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC · OneWindow 政务服务监督`,
    };
    return { filename: `bulletin-${month}.pdf`, pdf: await renderReportPdf(content) };
  }
}
