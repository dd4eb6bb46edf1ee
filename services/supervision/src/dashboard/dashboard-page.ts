/**
 * The dashboard (数据看板): plain HTML and a script, no build step. Charts are Apache ECharts, served
 * by this service from its own node_modules; every figure comes from the REST endpoints.
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>政务服务监督看板 · OneWindow</title>
<style>
  /* Served by this service, so the page shows Chinese without a system CJK font. */
  @font-face { font-family: "Noto Sans SC"; src: url("/dashboard/noto-sans-sc.woff") format("woff"); font-display: swap; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; background: #f3f4f6; color: #111827; }
  header { background: #991b1b; color: #fff; padding: .8rem 1.2rem; display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
  header h1 { font-size: 1.25rem; margin: 0 1rem 0 0; }
  header label { font-size: .85rem; }
  header input { width: 8.5rem; padding: .2rem; }
  header button { padding: .3rem 1rem; }
  button, input { font: inherit; }
  main { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 1rem; padding: 1rem; }
  section { background: #fff; border-radius: .5rem; padding: .8rem 1rem; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
  section h2 { font-size: 1rem; margin: 0 0 .5rem; }
  .chart { width: 100%; height: 300px; }
  .kpis { display: grid; grid-template-columns: repeat(3, 1fr); gap: .5rem; }
  .kpi { background: #fef2f2; border-radius: .4rem; padding: .5rem; }
  .kpi b { display: block; font-size: 1.35rem; color: #991b1b; }
  .kpi span { font-size: .8rem; color: #4b5563; }
  table { width: 100%; border-collapse: collapse; font-size: .85rem; }
  th, td { padding: .25rem .4rem; border-bottom: 1px solid #e5e7eb; text-align: right; }
  th:nth-child(2), td:nth-child(2) { text-align: left; }
  th, td:nth-child(2) { white-space: nowrap; }
  #error { color: #b91c1c; padding: 0 1rem; }
</style>
</head>
<body>
<header>
  <h1>政务服务“一网一门一次”监督看板</h1>
  <label>自 <input id="from" type="date"></label>
  <label>至 <input id="to" type="date"></label>
  <label>区划 <input id="regionCode" placeholder="420100" maxlength="6"></label>
  <label>部门 <input id="departmentCode" placeholder="WH-SCJGJ" maxlength="64"></label>
  <button id="refresh" type="button">刷新</button>
</header>
<p id="error" role="alert"></p>
<main>
  <section><h2>改革指标</h2><div class="kpis" id="kpis"></div></section>
  <section><h2>各部门办件量</h2><div class="chart" id="chart-department"></div></section>
  <section><h2>每周趋势（办件量、活跃申请人）</h2><div class="chart" id="chart-weekly"></div></section>
  <section><h2>申请渠道</h2><div class="chart" id="chart-channel"></div></section>
  <section><h2>好差评</h2><div class="chart" id="chart-evaluation"></div></section>
  <section><h2>市州排名</h2><table id="ranking"><thead><tr><th>名次</th><th>市州</th><th>办件量</th><th>得分</th><th>按时办结</th><th>最多跑一次</th><th>网办率</th><th>评价</th></tr></thead><tbody></tbody></table></section>
  <section><h2>超期未办结（当前）</h2><div class="kpis" id="overdue-kpis"></div><table id="overdue"><thead><tr><th>#</th><th>部门</th><th>超期任务</th></tr></thead><tbody></tbody></table></section>
</main>
<script src="/dashboard/echarts.min.js"></script>
<script src="/dashboard/app.js"></script>
</body>
</html>
`;

export const DASHBOARD_JS = `'use strict';
(function () {
  const CHANNELS = { WINDOW: '综合窗口', ONLINE: '网上申请', HOTLINE: '12345热线', ASSISTED: '帮办代办' };
  const charts = {};
  const FONT = '"Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  // SVG: chart text is laid out by the browser with the page's font.
  const chart = (id) => (charts[id] = charts[id] || echarts.init(document.getElementById(id), null, { renderer: 'svg' }));
  const draw = (id, option) => chart(id).setOption(Object.assign({ textStyle: { fontFamily: FONT } }, option), true);
  const pct = (v) => (v === null || v === undefined ? '—' : (v * 100).toFixed(1) + '%');
  const text = (tag, value) => { const el = document.createElement(tag); el.textContent = value; return el; };

  function query() {
    const q = new URLSearchParams();
    for (const k of ['from', 'to', 'regionCode', 'departmentCode']) {
      const v = document.getElementById(k).value.trim();
      if (v) q.set(k, v);
    }
    return q;
  }

  async function get(path, q) {
    const r = await fetch('/api/v1/' + path + '?' + q.toString());
    const body = await r.json();
    if (!r.ok) throw new Error((body.title || r.status) + (body.errors ? ': ' + body.errors.map((e) => e.problems.join(', ')).join('; ') : ''));
    return body;
  }

  function kpi(container, label, value) {
    const div = document.createElement('div');
    div.className = 'kpi';
    div.append(text('b', value), text('span', label));
    container.append(div);
  }

  async function load() {
    const q = query();
    document.body.dataset.ready = 'false';
    document.getElementById('error').textContent = '';
    try {
      const rq = new URLSearchParams(q); rq.set('level', 'city');
      const [volume, active, targets, speed, evaluations, ranking, overdue] = await Promise.all([
        get('measures/volume', q), get('measures/active-applicants', q), get('measures/targets', q), get('measures/speed', q),
        get('measures/evaluations', q), get('rankings', rq), get('measures/overdue', q),
      ]);
      window.dashboardData = { volume, active, targets, speed, evaluations, ranking, overdue };

      const k = document.getElementById('kpis'); k.replaceChildren();
      kpi(k, '办件量', String(volume.total));
      kpi(k, '网办率', pct(targets.online.share));
      kpi(k, '承诺时限内办结', pct(speed.promisedShare));
      kpi(k, '最多跑一次（办件）', pct(targets.oneVisitCases.share));
      kpi(k, '最多跑一次（事项）', pct(targets.oneVisitMatters.share));
      kpi(k, '材料复用率', pct(targets.materialsReused.share));

      draw('chart-department', {
        tooltip: {}, grid: { left: 160, right: 20, top: 10, bottom: 30 },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', inverse: true, data: volume.byDepartment.map((d) => d.name || d.key) },
        series: [{ name: '办件量', type: 'bar', data: volume.byDepartment.map((d) => d.cases), itemStyle: { color: '#b91c1c' } }],
      });

      const weeks = Array.from(new Set(volume.byWeek.map((w) => w.key).concat(active.byWeek.map((w) => w.week)))).sort();
      const at = (list, key, field) => { const f = list.find((x) => (x.key || x.week) === key); return f ? f[field] : 0; };
      draw('chart-weekly', {
        tooltip: { trigger: 'axis' }, legend: { data: ['办件量', '活跃自然人', '活跃法人'] },
        xAxis: { type: 'category', data: weeks }, yAxis: { type: 'value' },
        series: [
          { name: '办件量', type: 'line', data: weeks.map((w) => at(volume.byWeek, w, 'cases')) },
          { name: '活跃自然人', type: 'line', data: weeks.map((w) => at(active.byWeek, w, 'naturalPersons')) },
          { name: '活跃法人', type: 'line', data: weeks.map((w) => at(active.byWeek, w, 'legalPersons')) },
        ],
      });

      draw('chart-channel', {
        tooltip: { trigger: 'item' }, legend: { bottom: 0 },
        series: [{ name: '渠道', type: 'pie', radius: ['35%', '65%'],
          data: volume.byChannel.map((c) => ({ name: CHANNELS[c.key] || c.key, value: c.cases })) }],
      });

      draw('chart-evaluation', {
        tooltip: {}, xAxis: { type: 'category', axisLabel: { interval: 0 }, data: evaluations.byScore.map((s) => s.label) }, yAxis: { type: 'value' },
        title: { text: '好评率 ' + pct(evaluations.goodShare) + '  差评 ' + evaluations.poor + '  整改中 ' + evaluations.rectifications.open, textStyle: { fontSize: 12 } },
        series: [{ name: '评价数', type: 'bar', data: evaluations.byScore.map((s) => s.count),
          itemStyle: { color: (p) => ['#15803d', '#65a30d', '#ca8a04', '#ea580c', '#b91c1c'][p.dataIndex] } }],
      });

      const rb = document.querySelector('#ranking tbody'); rb.replaceChildren();
      for (const r of ranking.rows) {
        const tr = document.createElement('tr');
        tr.dataset.key = r.key;
        tr.append(text('td', r.rank), text('td', r.name), text('td', r.cases), text('td', r.score.toFixed(2)),
          text('td', pct(r.timeliness)), text('td', pct(r.oneVisit)), text('td', pct(r.online)), text('td', pct(r.evaluation)));
        rb.append(tr);
      }

      const ok = document.getElementById('overdue-kpis'); ok.replaceChildren();
      kpi(ok, '超期未办结', String(overdue.total));
      kpi(ok, '超承诺时限（红灯）', String(overdue.red));
      kpi(ok, '超法定时限（督办）', String(overdue.escalated));
      const ob = document.querySelector('#overdue tbody'); ob.replaceChildren();
      overdue.byDepartment.forEach((d, i) => {
        const tr = document.createElement('tr');
        tr.append(text('td', i + 1), text('td', d.name || d.key), text('td', d.cases));
        ob.append(tr);
      });
      document.body.dataset.ready = 'true';
    } catch (e) {
      document.getElementById('error').textContent = '加载失败：' + e.message;
      document.body.dataset.ready = 'error';
    }
  }

  const params = new URLSearchParams(location.search);
  for (const k of ['from', 'to', 'regionCode', 'departmentCode']) if (params.get(k)) document.getElementById(k).value = params.get(k);
  document.getElementById('refresh').addEventListener('click', load);
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  // Charts measure their labels when drawn: wait (briefly) for the font first.
  Promise.race([document.fonts.load('12px "Noto Sans SC"', '办件量'), new Promise((r) => setTimeout(r, 3000))]).then(load, load);
})();
`;
