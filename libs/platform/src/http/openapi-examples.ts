import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

const ULID = '01JDZ3Q4X6S8K7Y2V9T5R3M1N0';
const STRING_FORMATS: Record<string, string> = {
  'date-time': '2026-03-02T08:30:00.000Z',
  date: '2026-03-02',
  time: '08:30:00',
  email: 'clerk@example.org',
  uri: 'https://example.org/hooks/onewindow',
  url: 'https://example.org/hooks/onewindow',
  uuid: '3f2c8a4e-7b1d-4c6a-9e0f-5a2b7c9d1e3f',
  ulid: ULID,
  binary: '(binary content)',
  byte: 'JVBERi0xLjcK',
};

/** For string properties whose DTO gives no example: a plausible value by the property's name. */
const STRING_NAMES: [RegExp, string][] = [
  [/^(clerkId|operatorId|userId|subject)$/, 'clerk-0042'],
  [/^(respondedBy|followedUpBy|closedBy|.*By)$/, 'clerk-0042'],
  [/^(materialCode)$/, 'M-APP'],
  [/^(departmentName)$/, '武汉市市场监督管理局'],
  [/^(applicantName)$/, '张三'],
  [/^(applicantIdNumber)$/, '110105********002X'],
  [/^(leadDepartmentCode|coDepartmentCodes?|departmentCodes?)$/, 'WH-SCJGJ'],
  [/^(providedByMatterCodes?|matterCodes?)$/, 'WH-SCJGJ-001'],
  [/^(legalBasis)$/, '《中华人民共和国行政许可法》第三十二条'],
  [/^(reasons?|holdReason)$/, '申请材料不齐全'],
  [/^(.*Note|note|opinion|response)$/, '已现场核查，情况属实'],
  [/^(fileName)$/, 'site-plan.pdf'],
  [/^(sha256)$/, '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
  [/^(authorisationRef)$/, 'WT-2026-0001'],
  [/^(recipient)$/, '138****8000'],
  [/^(lastError)$/, 'HTTP 503 from the subscriber'],
  [/^(id|.*Id)$/, ULID],
  [/(At|^at)$/, '2026-03-02T08:30:00.000Z'],
  [/Date$/, '2026-03-12'],
  [/^caseNo$/, '420102-20260302-000001'],
  [/^regionCode$/, '420102'],
  [/^(matterCode|matter)$/, 'WH-SCJGJ-001'],
  [/^(bundleCode|bundle)$/, 'YJS-WH-CANYIN'],
  [/^(departmentCode|department)$/, 'WH-SCJGJ'],
  [/^eventType$/, 'case.accepted'],
  [/^locale$/, 'zh-CN'],
  [/(^u|U)rl$/, 'https://example.org/hooks/onewindow'],
  [/^email$/, 'zhang.san@example.org'],
  [/^phone$/, '13800138000'],
  [/^(documentNo|.*DocumentNo)$/, 'WH-SCJGJ-2026-000123'],
  [/^(nextCursor|cursor)$/, 'djE6MDFKRFozUTRYNlM4SzdZMlY5VDVSM00xTjA'],
];

/**
 * An example value for a JSON schema, built from the examples, defaults and enums of its properties
 * (resolving `$ref` into the document's schemas), so that every body in the document shows one.
 */
export function exampleFromSchema(schema: unknown, schemas: Record<string, unknown>, seen: string[] = [], name = ''): unknown {
  if (typeof schema !== 'object' || schema === null) return null;
  const s = schema as Schema;
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0] as unknown;
  if (typeof s.$ref === 'string') {
    const ref = s.$ref.split('/').pop() ?? '';
    if (seen.includes(ref)) return {};
    return exampleFromSchema(schemas[ref], schemas, [...seen, ref], name);
  }
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0] as unknown;
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.allOf)) {
    return Object.assign({}, ...s.allOf.map((x) => exampleFromSchema(x, schemas, seen) as object));
  }
  const alternatives = (s.oneOf ?? s.anyOf) as unknown[] | undefined;
  if (Array.isArray(alternatives)) {
    const first = alternatives.find((x) => (x as Schema).type !== 'null') ?? alternatives[0];
    return exampleFromSchema(first, schemas, seen, name);
  }
  const type = Array.isArray(s.type) ? (s.type as string[]).find((t) => t !== 'null') : (s.type as string | undefined);
  if (type === 'object' || (type === undefined && s.properties)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, unknown>)) out[k] = exampleFromSchema(v, schemas, seen, k);
    if (!s.properties && typeof s.additionalProperties === 'object') out.key = exampleFromSchema(s.additionalProperties, schemas, seen);
    return out;
  }
  if (type === 'array') {
    const item = exampleFromSchema(s.items, schemas, seen, name.replace(/s$/, ''));
    return Array.from({ length: Math.max(1, Number(s.minItems ?? 1)) }, () => item);
  }
  if (type === 'integer' || type === 'number') return typeof s.minimum === 'number' ? Math.max(s.minimum, 1) : 1;
  if (type === 'boolean') return true;
  if (type === 'null') return null;
  if (typeof s.format === 'string' && STRING_FORMATS[s.format]) return STRING_FORMATS[s.format];
  const byName = STRING_NAMES.find(([re]) => re.test(name))?.[1];
  if (byName !== undefined) return byName;
  const text = 'text';
  return typeof s.minLength === 'number' && s.minLength > text.length ? 'x'.repeat(s.minLength) : text;
}

/** Gives every request and response body of the document without an example one built from its schema. */
export function addBodyExamples(doc: OpenAPIObject): void {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, unknown>;
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item as Record<string, unknown>)) {
      if (typeof op !== 'object' || op === null || !('responses' in op)) continue;
      const o = op as { requestBody?: { content?: Record<string, Schema> }; responses: Record<string, { content?: Record<string, Schema> }> };
      const contents = [o.requestBody?.content, ...Object.values(o.responses).map((r) => r.content)];
      for (const content of contents) {
        for (const media of Object.values(content ?? {})) {
          if (media.example !== undefined || media.examples !== undefined || !media.schema) continue;
          media.example = exampleFromSchema(media.schema, schemas);
        }
      }
    }
  }
}
