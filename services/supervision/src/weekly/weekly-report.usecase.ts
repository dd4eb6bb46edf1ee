import { Injectable } from '@nestjs/common';
import { chinaDate } from '@onewindow/domain';
import { renderReportPdf, type ReportContent } from '@onewindow/pdf';
import { weekRange } from '../measures/domain/periods';
import { MeasuresRepository } from '../measures/infrastructure/measures.repository';
import { Names } from '../measures/measures.usecases';
import { weeklySchedule } from './domain/weekly-schedule';
import type { WeeklyReportDto } from './weekly-report.dto';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** 一周一调度: the week's figures per department, from the same read model as the measures. */
@Injectable()
export class WeeklyReportUseCase {
  constructor(
    private readonly repo: MeasuresRepository,
    private readonly names: Names,
  ) {}

  async execute(week: string, now = new Date()): Promise<WeeklyReportDto> {
    const { from, to, previous } = weekRange(week);
    const before = weekRange(previous);
    const [received, receivedPreviousWeek, decided, evaluations, overdueTasks, openRectifications, department] = await Promise.all([
      this.repo.cases({ from, to }),
      this.repo.cases({ from: before.from, to: before.to }),
      this.repo.decidedCases({ from, to }),
      this.repo.evaluations({ from, to }),
      this.repo.overdueTasks({}),
      this.repo.openRectificationsByDepartment(chinaDate(now)),
      this.names.departments(),
    ]);
    const s = weeklySchedule({ week, from, to, previousWeek: previous, received, receivedPreviousWeek, decided, evaluations, overdueTasks, openRectifications });
    return { ...s, departments: s.departments.map((d) => ({ ...d, name: department(d.departmentCode) })) };
  }

  async pdf(week: string, now = new Date()): Promise<{ filename: string; pdf: Buffer }> {
    const r = await this.execute(week, now);
    const t = r.totals;
    const change = t.receivedChange === null ? '上周无办件' : `较上周${t.receivedChange >= 0 ? '增长' : '下降'} ${pct(Math.abs(t.receivedChange))}`;
    const content: ReportContent = {
      title: '政务服务一周一调度',
      subtitle: `${r.week}（${r.from} 至 ${r.to}）`,
      summary: [
        `一、本周受理办件 ${t.received} 件（${change}），其中网上申请 ${t.online} 件（网办率 ${pct(t.onlineShare)}）；` +
          `活跃法人 ${t.activeLegalPersons} 个（上周 ${t.activeLegalPersonsPreviousWeek} 个），活跃自然人 ${t.activeNaturalPersons} 人。`,
        `二、本周办结 ${t.decided} 件，承诺时限内办结 ${t.decidedWithinPromised} 件（${pct(t.promisedShare)}）。`,
        `三、截至调度时超期未办结任务 ${t.overdueNow} 件，其中超法定时限督办 ${t.escalatedNow} 件。`,
        `四、本周收到评价 ${t.evaluations} 条，差评 ${t.poorEvaluations} 条；待整改 ${t.openRectifications} 件，其中逾期 ${t.overdueRectifications} 件。`,
      ],
      tables: [
        {
          title: '五、部门调度表（超期、差评在前）',
          columns: [
            { header: '部门', width: 150 },
            { header: '受理', width: 40, align: 'right' },
            { header: '上周', width: 40, align: 'right' },
            { header: '办结', width: 40, align: 'right' },
            { header: '按时率', width: 50, align: 'right' },
            { header: '超期', width: 40, align: 'right' },
            { header: '督办', width: 40, align: 'right' },
            { header: '差评', width: 40, align: 'right' },
            { header: '待整改', width: 50, align: 'right' },
          ],
          rows: r.departments.map((d) => [
            d.name,
            String(d.received),
            String(d.receivedPreviousWeek),
            String(d.decided),
            pct(d.promisedShare),
            String(d.overdueNow),
            String(d.escalatedNow),
            String(d.poorEvaluations),
            String(d.openRectifications),
          ]),
        },
      ],
      footer: `生成时间 ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC · OneWindow 政务服务监督`,
    };
    return { filename: `weekly-${week}.pdf`, pdf: await renderReportPdf(content) };
  }
}
