import { problemCatalogueEntry } from '@onewindow/platform';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from './infrastructure';

/** The slice of an OpenAPI 3.1 document the fuzzer reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface OpenApiOperation {
  parameters?: Array<{ name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema?: JsonSchema }>;
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
}

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  example?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
}

/** One hostile request: `path` already carries the (possibly malformed) query string. */
export interface FuzzRequest {
  operation: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** What the input stretches, for the failure message. */
  why: string;
}

const HUGE = 'x'.repeat(200_000);

/** Strings that break naive parsers, databases and loggers. */
const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '%',
    '%zz',
    '%E0%A4%A',
    '../../etc/passwd',
    "' OR 1=1 --",
    '<script>alert(1)</script>',
    '99999999999999999999999',
    '-2147483649',
    '2147483648',
    '1e309',
    'NaN',
    '__proto__',
    'constructor',
    HUGE.slice(0, 5_000),
    HUGE,
  ),
);

/** Values of every JSON type, with edge cases of each. */
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.constantFrom(null, true, false, 0, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, 1e308, -1e308, 0.5, [], {}),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(nastyString, nastyString, { maxKeys: 3 }),
);

/** JSON texts that no schema-aware encoder would produce. */
const malformedJson = fc.constantFrom(
  '{',
  '{"a":}',
  '[1,]',
  'nul',
  '\u0000',
  '"\uD800"',
  '{"a":1}{"b":2}',
  `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  `{"n":${'9'.repeat(400)}}`,
  `"${HUGE}"`,
);

export class OpenApiFuzzer {
  /** An example per parameter name, so a parameter documented without one still gets a well-formed value. */
  private readonly examples = new Map<string, unknown>();

  constructor(private readonly doc: OpenApiDocument) {
    for (const op of Object.values(doc.paths).flatMap((ops) => Object.values(ops))) {
      for (const p of op.parameters ?? []) if (p.schema?.example !== undefined) this.examples.set(p.name, p.schema.example);
    }
  }

  /** Every operation of the document as "METHOD /path". */
  operations(): string[] {
    return Object.entries(this.doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
  }

  /** `runs` hostile requests for one operation, reproducible from `seed`. */
  requests(operation: string, { seed, runs }: { seed: number; runs: number }): FuzzRequest[] {
    const [method, template] = operation.split(' ');
    const op = this.doc.paths[template][method.toLowerCase()];
    return fc.sample(this.requestArbitrary(method, template, op), { seed, numRuns: runs });
  }

  private resolve(s: JsonSchema | undefined): JsonSchema {
    if (!s?.$ref) return s ?? {};
    const name = s.$ref.replace('#/components/schemas/', '');
    return this.doc.components?.schemas?.[name] ?? {};
  }

  /** A value the schema accepts, as far as types, enums and examples tell (depth-bounded). */
  private plausible(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
    const s = this.resolve(schema);
    const alternatives = s.oneOf ?? s.anyOf;
    if (alternatives?.length) return fc.oneof(...alternatives.map((a) => this.plausible(a, depth)));
    if (s.allOf?.length) return this.plausible(s.allOf[0], depth);
    if (s.enum?.length) return fc.constantFrom(...s.enum);
    const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
    if (s.example !== undefined && type !== 'object' && type !== 'array') return fc.constant(s.example);
    if (depth > 4) return fc.constant(null);
    switch (type ?? 'string') {
      case 'object': {
        const entries = Object.entries(s.properties ?? {}).map(([k, v]) => [k, this.plausible(v, depth + 1)] as const);
        return fc.record(Object.fromEntries(entries), { requiredKeys: (s.required ?? []).filter((k) => k in (s.properties ?? {})) });
      }
      case 'array':
        return fc.array(this.plausible(s.items, depth + 1), { maxLength: 3 });
      case 'integer':
      case 'number':
        return fc.integer({ min: s.minimum ?? -10, max: s.maximum ?? 1000 });
      case 'boolean':
        return fc.boolean();
      default:
        return fc.string({ maxLength: 20 });
    }
  }

  /** A body that is almost right but breaks the schema in one way (so a correct service refuses it). */
  private hostileBody(schema: JsonSchema | undefined): fc.Arbitrary<{ body: string; why: string }> {
    const valid = this.plausible(schema).map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}));
    const stretched = fc.oneof(
      fc.tuple(valid, nastyString.filter((k) => k.length > 0 && k !== '__proto__'), nastyValue).map(([v, k, x]) => ({
        body: JSON.stringify({ ...v, [`zz${k}`]: x }),
        why: 'unknown field',
      })),
      fc.tuple(valid, fc.nat(), nastyValue).map(([v, i, x]) => {
        const keys = Object.keys(v);
        const key = keys.length ? keys[i % keys.length] : 'x';
        return { body: JSON.stringify({ ...v, [key]: x, zzUnknown: 1 }), why: `field ${key} set to a hostile value` };
      }),
      valid.map((v) => ({ body: `{"__proto__":{"polluted":true},${JSON.stringify(v).slice(1)}`.replace(',}', '}'), why: '__proto__ key' })),
      valid.map((v) => ({ body: JSON.stringify({ ...v, constructor: { prototype: { polluted: true } } }), why: 'constructor key' })),
      fc.tuple(valid, fc.integer({ min: 50, max: 5_000 })).map(([v, n]) => {
        const keys = Object.keys(v);
        const deep = `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
        return { body: JSON.stringify({ ...v, [keys[0] ?? 'x']: '§' }).replace('"§"', deep), why: `nesting ${n} deep` };
      }),
      nastyValue.map((x) => ({ body: JSON.stringify(x) ?? 'null', why: 'wrong top-level type' })),
      malformedJson.map((body) => ({ body, why: 'malformed JSON' })),
    );
    return stretched;
  }

  private hostileParam(schema: JsonSchema | undefined): fc.Arbitrary<{ raw: string; why: string }> {
    return fc.oneof(
      nastyString.map((v) => ({ raw: encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, '\uFFFD')), why: `value ${JSON.stringify(v.slice(0, 40))}` })),
      fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '%2e%2e%2f', '%C0%AE', '%uD800').map((raw) => ({ raw, why: `malformed encoding ${raw}` })),
      this.plausible(schema).map((v) => ({ raw: encodeURIComponent(String(v)), why: 'plausible value' })),
    );
  }

  private requestArbitrary(method: string, template: string, op: OpenApiOperation): fc.Arbitrary<FuzzRequest> {
    const params = op.parameters ?? [];
    const pathParams = params.filter((p) => p.in === 'path');
    const queryParams = params.filter((p) => p.in === 'query');
    const path = fc
      .tuple(...pathParams.map((p) => this.hostileParam({ example: this.examples.get(p.name), ...p.schema })))
      .map((values) => pathParams.reduce((acc, p, i) => acc.replace(`{${p.name}}`, values[i].raw), template));
    const query = fc.oneof(
      fc.constant(''),
      fc
        .tuple(...queryParams.map((p) => fc.option(this.hostileParam(p.schema), { nil: undefined })))
        .map((vals) => vals.map((v, i) => (v ? `${queryParams[i].name}=${v.raw}` : '')).filter(Boolean).join('&')),
      fc.constantFrom('limit=1&limit=2', 'a[b][c]=1', '__proto__[x]=1', 'cursor=%', 'limit=-1', 'limit=1e309', `q=${HUGE.slice(0, 10_000)}`),
    );
    const media = Object.keys(op.requestBody?.content ?? {})[0];
    const body: fc.Arbitrary<{ body?: string; contentType?: string; why: string }> = !media
      ? fc.constant({ why: 'no body' })
      : media === 'application/json'
        ? this.hostileBody(op.requestBody?.content[media].schema).map((b) => ({ ...b, contentType: 'application/json' }))
        : fc.oneof(
            fc.constant({ body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1', contentType: `${media}; boundary=x`, why: 'truncated multipart' }),
            fc.constant({ body: 'garbage', contentType: media, why: 'multipart without boundary' }),
            this.hostileBody(undefined).map((b) => ({ ...b, contentType: 'application/json', why: `JSON instead of ${media}: ${b.why}` })),
          );
    const headers = fc.oneof(
      fc.constant<Record<string, string>>({}),
      fc.constantFrom<Record<string, string>>(
        { 'idempotency-key': HUGE.slice(0, 2_000) },
        { 'idempotency-key': '' },
        { 'x-correlation-id': '\t' },
        { 'x-audit-reason': '%E0%A4%A' },
        { 'x-huge': HUGE.slice(0, 100_000) },
      ),
    );
    return fc.record({ path, query, body, headers }).map(({ path: p, query: q, body: b, headers: h }) => ({
      operation: `${method} ${template}`,
      method,
      path: q ? `${p}?${q}` : p,
      headers: { ...h, ...(b.contentType ? { 'content-type': b.contentType } : {}) },
      ...(b.body !== undefined && method !== 'GET' ? { body: b.body } : {}),
      why: [b.why, q && `query ${q.slice(0, 60)}`].filter(Boolean).join('; '),
    }));
  }
}

export interface FuzzReport {
  tried: number;
  operations: number;
  ms: number;
  /** How often each HTTP status answered. */
  statuses: Record<number, number>;
  /** One line per request that broke a rule: a 5xx, an error that is not problem details, or an accepted write. */
  failures: string[];
}

/** A problem `type` is `/problems/<slug>` with a slug libs/platform's problem catalogue lists. */
function inCatalogue(type: string): boolean {
  const slug = /^\/problems\/([a-z0-9-]+)$/.exec(type)?.[1];
  return slug !== undefined && problemCatalogueEntry(slug) !== undefined;
}

/**
 * Sends `runs` hostile requests per operation of `doc` to `base` and checks every answer: never a
 * 5xx, every 4xx problem+json with a catalogued type, title and status, and no write accepted.
 */
export async function fuzzRestApi(o: {
  base: string;
  doc: OpenApiDocument;
  seed: number;
  runs: number;
  /** Headers (a bearer token) for an operation, so the input reaches validation rather than the guard. */
  headersFor?: (operation: string) => Record<string, string>;
}): Promise<FuzzReport> {
  const fuzzer = new OpenApiFuzzer(o.doc);
  const failures: string[] = [];
  const statuses: Record<number, number> = {};
  const started = Date.now();
  let tried = 0;
  for (const operation of fuzzer.operations()) {
    for (const req of fuzzer.requests(operation, { seed: o.seed, runs: o.runs })) {
      tried += 1;
      const r = await fetch(`${o.base}${req.path}`, {
        method: req.method,
        headers: { ...o.headersFor?.(operation), ...req.headers },
        ...(req.body !== undefined ? { body: req.body } : {}),
      });
      const text = await r.text();
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      const contentType = r.headers.get('content-type') ?? '';
      const where = `${operation} ${req.path.slice(0, 100)} (${req.why.slice(0, 100)}) -> ${r.status}`;
      if (r.status >= 500) failures.push(`${where}: ${text.slice(0, 200)}`);
      else if (r.status >= 400) {
        let problem: { type?: unknown; title?: unknown; status?: unknown } = {};
        try {
          problem = JSON.parse(text) as typeof problem;
        } catch {
          // reported just below
        }
        const ok = contentType.startsWith('application/problem+json') && typeof problem.type === 'string' && typeof problem.title === 'string' && problem.status === r.status;
        if (!ok) failures.push(`${where}: not problem details (${contentType}) ${text.slice(0, 120)}`);
        else if (!inCatalogue(problem.type as string)) failures.push(`${where}: problem type ${String(problem.type)} is not in the problem catalogue`);
      } else if (req.method !== 'GET') failures.push(`${where}: hostile write accepted`);
    }
  }
  return { tried, operations: fuzzer.operations().length, ms: Date.now() - started, statuses, failures: [...new Set(failures)] };
}

/** Fixed by default so CI is reproducible; FUZZ_SEED and FUZZ_RUNS (per operation) explore further. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 9);
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 100);

/** A service's committed OpenAPI document (docs/openapi/<service>.json), what the fuzz suites derive input from. */
export function committedOpenApiDocument(service: string): OpenApiDocument {
  return JSON.parse(readFileSync(resolve(REPO_ROOT, 'docs/openapi', `${service}.json`), 'utf8')) as OpenApiDocument;
}
