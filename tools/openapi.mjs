#!/usr/bin/env node
// `npm run docs:openapi`: each service writes its OpenAPI 3.1 document from its code (Nest preview
// mode: no database or broker needed), into docs/openapi/<service>.json, plus one merged document
// for integrators, and docs/problems.md (the problem catalogue with the operations answering each type).
// `--out DIR` writes the documents elsewhere and `--problems FILE` the catalogue (the drift test
// compares them); with --out and no --problems the catalogue is not written.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outAt = process.argv.indexOf('--out');
const out = resolve(outAt > 0 ? process.argv[outAt + 1] : join(root, 'docs/openapi'));
const problemsAt = process.argv.indexOf('--problems');
const problemsFile = problemsAt > 0 ? resolve(process.argv[problemsAt + 1]) : outAt > 0 ? undefined : join(root, 'docs/problems.md');
const SERVICES = [
  ['intake', 3001],
  ['routing', 3002],
  ['departmental-approval', 3003],
  ['document-issuance', 3004],
  ['notification', 3005],
  ['supervision', 3006],
];
// Placeholders that only satisfy the services' config validation; nothing is contacted.
const placeholder = 'openapi-export-placeholder-secret-0123456789';
const env = {
  PATH: process.env.PATH,
  DATABASE_URL: 'postgres://openapi@127.0.0.1:1/none',
  AUTH_JWT_SECRET: placeholder,
  SIGNING_KEY_ENCRYPTION_KEY: placeholder,
  EVALUATION_SECRET: placeholder,
  PII_KEYS: `k1:${Buffer.alloc(32).toString('base64')}`,
  PII_INDEX_KEY: Buffer.alloc(32).toString('base64'),
  SMTP_URL: 'smtp://127.0.0.1:1',
  MAIL_FROM: 'OneWindow <noreply@onewindow.local>',
  LOG_LEVEL: 'silent',
};

mkdirSync(out, { recursive: true });
const merged = {
  openapi: '3.1.0',
  info: {
    title: 'OneWindow REST APIs',
    version: '1.0.0',
    description: 'Every REST operation of the six services in one document; each path names the server it lives on.',
  },
  servers: [],
  tags: [],
  paths: {},
  components: { schemas: {}, securitySchemes: {} },
};
for (const [name, port] of SERVICES) {
  const file = join(out, `${name}.json`);
  const r = spawnSync(process.execPath, [join(root, `dist/services/${name}/src/main.js`)], {
    cwd: root,
    env: { ...env, OPENAPI_EXPORT: file },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) {
    process.stderr.write(`${name}: OpenAPI export failed (exit ${r.status})\n${r.stderr}${r.stdout}\n`);
    process.exit(1);
  }
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const server = { url: `http://127.0.0.1:${port}`, description: name };
  merged.servers.push(server);
  for (const t of doc.tags ?? []) if (!merged.tags.some((x) => x.name === t.name)) merged.tags.push(t);
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (path.startsWith('/health')) continue; // every service has them; see each service's document
    merged.paths[path] = { ...item, servers: [server] };
  }
  for (const [schema, def] of Object.entries(doc.components?.schemas ?? {})) {
    const prior = merged.components.schemas[schema];
    if (prior && JSON.stringify(prior) !== JSON.stringify(def)) {
      process.stderr.write(`schema ${schema} differs between services: rename one of them\n`);
      process.exit(1);
    }
    merged.components.schemas[schema] = def;
  }
  Object.assign(merged.components.securitySchemes, doc.components?.securitySchemes);
  process.stdout.write(`${name}: ${Object.keys(doc.paths ?? {}).length} paths\n`);
}
writeFileSync(join(out, 'onewindow.json'), `${JSON.stringify(merged, null, 2)}\n`);
process.stdout.write(`wrote ${out}\n`);
if (problemsFile) {
  writeFileSync(problemsFile, problemsMarkdown(merged));
  process.stdout.write(`wrote ${problemsFile}\n`);
}

/** The catalogue (from the build) as a table, each type with the operations documenting it. */
function problemsMarkdown(doc) {
  const { PROBLEM_CATALOGUE } = createRequire(import.meta.url)(join(root, 'dist/libs/platform/src/http/problem-catalogue.js'));
  const usedBy = new Map();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      for (const [status, r] of Object.entries(op.responses ?? {})) {
        for (const slug of Object.keys(r.content?.['application/problem+json']?.examples ?? {})) {
          usedBy.set(slug, [...(usedBy.get(slug) ?? []), `${status} ${method.toUpperCase()} ${path}`]);
        }
      }
    }
  }
  const cell = (t) => String(t).replaceAll('|', '\\|');
  const rows = Object.entries(PROBLEM_CATALOGUE)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([slug, e]) => {
      const status = [e.status, ...(e.alsoStatus ?? [])].join(', ');
      const used = usedBy.get(slug) ?? [];
      // Types most operations answer with (the guard's 401, 403, 429; validation): a count, not a list.
      const ops = used.length > 12 ? `${used.length} operations (see each in docs/openapi/)` : used.map((o) => `\`${o}\``).join('<br>') || 'any operation';
      return `| \`/problems/${slug}\` | ${status} | ${cell(e.title)} | ${cell(e.description)} | ${ops} |`;
    });
  return [
    '# Problem types',
    '',
    '<!-- Generated by `npm run docs:openapi` from libs/platform/src/http/problem-catalogue.ts: edit that, not this. -->',
    '',
    'Every error of the REST APIs is an RFC 9457 problem details body (`application/problem+json`) whose',
    '`type` is one of the URIs below; it never changes for the same kind of error, so branch on `type`,',
    'not on `title` or `detail`. `/problems/validation-error` lists every invalid field in `errors`.',
    'Types listed for no operation (unknown paths, malformed bodies, server errors) can come from any of',
    'them. Each operation in docs/openapi/ shows an example body per type it answers with.',
    '',
    '| Type | Status | Title | Meaning | Operations (status, method, path) |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
