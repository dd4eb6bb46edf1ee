import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * docs/openapi/ is what integrators read: it must be what the code says now. Regenerating needs the
 * build (`npm test` builds first; alone: `npm run build`). After changing a controller or DTO, run
 * `npm run docs:openapi` and commit the result.
 */
const root = resolve(__dirname, '../..');
const committedDir = join(root, 'docs/openapi');

describe('the OpenAPI documents in docs/openapi', () => {
  let fresh: string;
  let freshProblems: string;
  beforeAll(() => {
    fresh = mkdtempSync(join(tmpdir(), 'openapi-'));
    freshProblems = `${fresh}-problems.md`;
    execFileSync(process.execPath, [join(root, 'tools/openapi.mjs'), '--out', fresh, '--problems', freshProblems], { cwd: root, stdio: 'pipe', timeout: 120_000 });
  }, 150_000);
  afterAll(() => {
    rmSync(fresh, { recursive: true, force: true });
    rmSync(freshProblems, { force: true });
  });

  it('are exactly what the services generate from their code now', () => {
    const files = readdirSync(committedDir).sort();
    expect(readdirSync(fresh).sort()).toEqual(files);
    for (const f of files) {
      expect({ file: f, text: readFileSync(join(fresh, f), 'utf8') }).toEqual({ file: f, text: readFileSync(join(committedDir, f), 'utf8') });
    }
  });

  it('come with docs/problems.md, the problem catalogue as generated from the code now', () => {
    expect(readFileSync(freshProblems, 'utf8')).toEqual(readFileSync(join(root, 'docs/problems.md'), 'utf8'));
  });

  it('describe an RFC 9457 problem answer for every operation that can fail on input', () => {
    const merged = JSON.parse(readFileSync(join(committedDir, 'onewindow.json'), 'utf8')) as {
      paths: Record<string, Record<string, { parameters?: unknown[]; requestBody?: unknown; responses: Record<string, { content?: Record<string, unknown> }> }>>;
    };
    const missing: string[] = [];
    for (const [path, item] of Object.entries(merged.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
        const takesInput = Boolean(op.requestBody) || (op.parameters ?? []).length > 0;
        const problem = Object.entries(op.responses).some(([code, r]) => code.startsWith('4') && r.content?.['application/problem+json']);
        if (takesInput && !problem) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
