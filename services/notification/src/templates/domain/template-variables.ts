/**
 * The variables a template may use, as a tree: scalars, objects with named properties, arrays of
 * items. Built from an event's JSON Schema (TypeBox) plus the values the service computes.
 */
export type VarNode =
  | { kind: 'scalar' }
  | { kind: 'object'; props: Record<string, VarNode> }
  | { kind: 'array'; items: VarNode };

interface JsonSchemaLike {
  type?: string | string[];
  properties?: Record<string, JsonSchemaLike>;
  items?: JsonSchemaLike;
  anyOf?: JsonSchemaLike[];
  oneOf?: JsonSchemaLike[];
  allOf?: JsonSchemaLike[];
}

const SCALAR: VarNode = { kind: 'scalar' };

function merge(a: VarNode, b: VarNode): VarNode {
  if (a.kind === 'object' && b.kind === 'object') {
    const props = { ...a.props };
    for (const [k, v] of Object.entries(b.props)) props[k] = props[k] ? merge(props[k], v) : v;
    return { kind: 'object', props };
  }
  return a.kind === 'scalar' ? b : a;
}

/** The variable tree of a JSON Schema; a union of objects offers the properties of each branch. */
export function variablesOfSchema(schema: unknown): VarNode {
  const s = (schema ?? {}) as JsonSchemaLike;
  const branches = s.anyOf ?? s.oneOf ?? s.allOf;
  if (branches?.length) return branches.map(variablesOfSchema).reduce(merge);
  if (s.type === 'object' || s.properties) {
    const props: Record<string, VarNode> = {};
    for (const [k, v] of Object.entries(s.properties ?? {})) props[k] = variablesOfSchema(v);
    return { kind: 'object', props };
  }
  if (s.type === 'array') return { kind: 'array', items: variablesOfSchema(s.items) };
  return SCALAR;
}

/** Adds computed top-level scalars (formatted dates, numbered lists) to an event's variables. */
export function withComputed(tree: VarNode, computed: readonly string[]): VarNode {
  const props = tree.kind === 'object' ? { ...tree.props } : {};
  for (const name of computed) props[name] = SCALAR;
  return { kind: 'object', props };
}

/** Dotted names of every variable, for the catalogue shown to an operator (`missing[].name`). */
export function listVariables(tree: VarNode, prefix = ''): string[] {
  if (tree.kind === 'scalar') return prefix ? [prefix] : [];
  if (tree.kind === 'array') return [prefix, ...listVariables(tree.items, `${prefix}[]`).filter((p) => p !== `${prefix}[]`)];
  return Object.entries(tree.props)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([k, v]) => {
      const name = prefix ? `${prefix}.${k}` : k;
      return v.kind === 'scalar' ? [name] : [name, ...listVariables(v, name).filter((p) => p !== name)];
    });
}
