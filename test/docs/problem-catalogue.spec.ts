import { HttpStatus } from '@nestjs/common';
import { PROBLEM_CATALOGUE, problemCatalogueEntry } from '@onewindow/platform';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * The problem catalogue (libs/platform/src/http/problem-catalogue.ts) is what integrators read about
 * errors: it must name every problem type the code can send, nothing else, with the status the code
 * sends it with. Read statically from the sources of the services and libraries.
 */
const root = resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'test' ? [] : sources(p);
    return e.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(e.name) ? [p] : [];
  });
}

const files = ['services', 'libs'].flatMap((top) =>
  readdirSync(join(root, top), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => {
      try {
        return sources(join(root, top, e.name, 'src'));
      } catch {
        return [];
      }
    }),
);

const statusOf = (name: string): number => {
  const s = (HttpStatus as unknown as Record<string, number>)[name];
  if (typeof s !== 'number') throw new Error(`HttpStatus.${name} is unknown`);
  return s;
};

type Uses = Map<string, { status?: number; where: string }[]>;
const thrown: Uses = new Map();
const documented: Uses = new Map();
const use = (m: Uses, slug: string, where: string, status?: number) => m.set(slug, [...(m.get(slug) ?? []), { status, where }]);

const STRING = String.raw`(?:'[^']*'|\x60[^\x60]*\x60|"[^"]*")`;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const where = relative(root, file);
  for (const m of text.matchAll(new RegExp(String.raw`new ProblemException\(\s*'([a-z0-9-]+)',\s*${STRING},\s*(?:HttpStatus\.(\w+))?`, 'g'))) {
    use(thrown, m[1], where, m[2] ? statusOf(m[2]) : undefined);
  }
  for (const m of text.matchAll(/ProblemException\.notFound\(\s*'([a-z0-9-]+)'/g)) use(thrown, `${m[1]}-not-found`, where, 404);
  if (/ProblemException\.validation\(/.test(text)) use(thrown, 'validation-error', where, 400);
  // services/intake/src/cases/case-closure.ts: conflict(slug, title, case) answers 409.
  for (const m of text.matchAll(/\bconflict\(\s*'([a-z0-9-]+)'/g)) use(thrown, m[1], where, 409);
  for (const m of text.matchAll(/problemType\('([a-z0-9-]+)'\)(?:[^}]*?status: (\d{3}))?/g)) use(thrown, m[1], where, m[2] ? Number(m[2]) : undefined);
  if (where.endsWith('problem-details.filter.ts')) {
    for (const m of text.matchAll(/slug: '([a-z0-9-]+)'/g)) use(thrown, m[1], where);
    for (const m of text.matchAll(/^\s*(\d{3}): '([a-z0-9-]+)'/gm)) use(thrown, m[2], where, Number(m[1]));
  }
  for (const m of text.matchAll(new RegExp(String.raw`@ApiProblem\(\s*(\d{3}),\s*${STRING},\s*\[([^\]]*)\]`, 'g'))) {
    for (const s of m[2].matchAll(/'([a-z0-9-]+)'/g)) use(documented, s[1], where, Number(m[1]));
  }
}

const statuses = (slug: string): number[] => {
  const e = problemCatalogueEntry(slug);
  return e ? [e.status, ...(e.alsoStatus ?? [])] : [];
};

describe('the problem catalogue', () => {
  it('finds the problem types in the code at all', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(thrown.size).toBeGreaterThan(50);
    expect(documented.size).toBeGreaterThan(50);
  });

  it('lists every problem type the code throws', () => {
    const missing = [...thrown].filter(([slug]) => !problemCatalogueEntry(slug)).map(([slug, u]) => `${slug} (${u[0].where})`);
    expect(missing).toEqual([]);
  });

  it('lists every problem type an operation documents', () => {
    const missing = [...documented].filter(([slug]) => !problemCatalogueEntry(slug)).map(([slug, u]) => `${slug} (${u[0].where})`);
    expect(missing).toEqual([]);
  });

  it('lists nothing the code never sends', () => {
    expect(Object.keys(PROBLEM_CATALOGUE).filter((slug) => !thrown.has(slug))).toEqual([]);
  });

  it('gives each type the status the code sends and documents it with', () => {
    const wrong = [...thrown, ...documented].flatMap(([slug, uses]) =>
      uses.filter((u) => u.status !== undefined && problemCatalogueEntry(slug) && !statuses(slug).includes(u.status)).map((u) => `${slug}: ${u.status} in ${u.where}, catalogue says ${statuses(slug).join('/')}`),
    );
    expect(wrong).toEqual([]);
  });

  it('uses every extra status it lists somewhere in the code', () => {
    const idle = Object.keys(PROBLEM_CATALOGUE).flatMap((slug) =>
      [...(problemCatalogueEntry(slug)?.alsoStatus ?? [])]
        .filter((s) => ![...(thrown.get(slug) ?? []), ...(documented.get(slug) ?? [])].some((u) => u.status === s))
        .map((s) => `${slug}: ${s}`),
    );
    expect(idle).toEqual([]);
  });
});
