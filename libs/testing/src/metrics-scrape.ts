/** One sample of a Prometheus text exposition: metric name, labels and value. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text format (what prom-client renders); comments and blank lines skipped. */
export function parsePrometheusText(text: string): MetricSample[] {
  const out: MetricSample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2].replace(/\\(.)/g, '$1');
    out.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return out;
}

/** Scrapes `url` (a service's /metrics) and returns a lookup summing the samples whose labels include `match`. */
export async function scrapeMetrics(url: string): Promise<(name: string, match?: Record<string, string>) => number> {
  const r = await fetch(url);
  if (r.status !== 200) throw new Error(`GET ${url} answered ${r.status}`);
  const samples = parsePrometheusText(await r.text());
  return (name, match = {}) =>
    samples
      .filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v))
      .reduce((sum, s) => sum + s.value, 0);
}
