/**
 * OpenAPI 3.1 has no `nullable` (it is JSON Schema: `type: ['string', 'null']`), but
 * @nestjs/swagger and @nestjs/terminus still emit the 3.0 keyword. Rewrites it in place so the
 * documents pass a 3.1 linter and 3.1 code generators see the null.
 */
export function normaliseNullable(node: unknown): void {
  if (Array.isArray(node)) {
    for (const n of node) normaliseNullable(n);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const o = node as Record<string, unknown>;
  for (const v of Object.values(o)) normaliseNullable(v);
  if (o.nullable !== true) return;
  delete o.nullable;
  if (typeof o.type === 'string') {
    o.type = [o.type, 'null'];
  } else if (!Array.isArray(o.type)) {
    const copy = { ...o };
    for (const k of Object.keys(o)) delete o[k];
    o.anyOf = [copy, { type: 'null' }];
  }
}
