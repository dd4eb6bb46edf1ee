import Handlebars from 'handlebars';
import type { VarNode } from './template-variables';

/** What is wrong with a template text: its syntax, and every variable or helper it names that does not exist. */
export interface TemplateCheck {
  syntaxError?: string;
  unknownVariables: string[];
  unsupported: string[];
}

type Node = hbs.AST.Node;
type Expr = hbs.AST.Expression;

interface Scope {
  node: VarNode;
  /** Inside {{#each}}: @index, @first, @last (and @key) are defined. */
  loop: boolean;
}

const BLOCK_HELPERS = new Set(['if', 'unless', 'each', 'with']);
const LOOP_DATA = new Set(['index', 'first', 'last', 'key']);

/**
 * Parses a Handlebars template and walks its syntax tree against the variables an event offers:
 * paths are resolved in the context each block sets ({{#each}} items, {{#with}} objects, `../`
 * parents, `@root`). Only the four built-in block helpers are allowed; partials and other helpers
 * would fetch text or code the check cannot see.
 */
export function checkTemplate(text: string, variables: VarNode): TemplateCheck {
  const unknown = new Set<string>();
  const unsupported = new Set<string>();
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(text);
  } catch (e) {
    return { syntaxError: (e as Error).message, unknownVariables: [], unsupported: [] };
  }

  const resolve = (p: hbs.AST.PathExpression, stack: Scope[]): VarNode | undefined => {
    let parts = [...p.parts];
    let node: VarNode | undefined;
    if (p.data) {
      const [head, ...rest] = parts;
      if (head === 'root' && stack[0]) {
        node = stack[0].node;
        parts = rest;
      } else if (head && LOOP_DATA.has(head) && rest.length === 0 && stack.some((s) => s.loop)) {
        return { kind: 'scalar' };
      } else {
        unknown.add(p.original);
        return undefined;
      }
    } else {
      node = stack[stack.length - 1 - p.depth]?.node;
    }
    for (const part of parts) {
      if (node?.kind === 'object' && Object.prototype.hasOwnProperty.call(node.props, part)) node = node.props[part];
      else if (node?.kind === 'array' && part === 'length') node = { kind: 'scalar' };
      else {
        unknown.add(p.original);
        return undefined;
      }
    }
    if (!node) unknown.add(p.original);
    return node;
  };

  const expr = (e: Expr, stack: Scope[]): VarNode | undefined => {
    if (e.type === 'PathExpression') return resolve(e as hbs.AST.PathExpression, stack);
    if (e.type === 'SubExpression') {
      unsupported.add(`helper ${(e as hbs.AST.SubExpression).path.original}`);
      return undefined;
    }
    return { kind: 'scalar' }; // a literal
  };

  const walk = (n: Node | undefined, stack: Scope[]): void => {
    if (!n) return;
    switch (n.type) {
      case 'Program':
        for (const s of (n as hbs.AST.Program).body) walk(s, stack);
        return;
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement': {
        const m = n as hbs.AST.MustacheStatement;
        if (m.params.length || m.hash?.pairs.length) unsupported.add(`helper ${(m.path as hbs.AST.PathExpression).original}`);
        else expr(m.path, stack);
        return;
      }
      case 'BlockStatement': {
        const b = n as hbs.AST.BlockStatement;
        const name = (b.path as hbs.AST.PathExpression).original;
        if (!BLOCK_HELPERS.has(name) || b.params.length !== 1 || b.hash?.pairs.length) {
          unsupported.add(`block {{#${name}}} (allowed: #if, #unless, #each and #with with one argument)`);
          return;
        }
        if (b.program?.blockParams?.length) unsupported.add(`block parameters in {{#${name}}}`);
        const arg = expr(b.params[0], stack);
        let inner = stack;
        if (name === 'each') {
          const item: VarNode = arg?.kind === 'array' ? arg.items : { kind: 'scalar' };
          inner = [...stack, { node: item, loop: true }];
        } else if (name === 'with') {
          inner = [...stack, { node: arg ?? { kind: 'scalar' }, loop: false }];
        }
        walk(b.program, inner);
        walk(b.inverse, stack);
        return;
      }
      default:
        unsupported.add(n.type === 'PartialStatement' || n.type === 'PartialBlockStatement' ? 'partials' : n.type);
    }
  };

  walk(program, [{ node: variables, loop: false }]);
  return { unknownVariables: [...unknown].sort(), unsupported: [...unsupported].sort() };
}

/** Every template is compiled by this one instance: no helpers or partials registered beyond the built-ins. */
const engine = Handlebars.create();

export type CompiledTemplate = (context: object) => string;

/**
 * Compiled templates by their text. Compiling (parse, code generation) cost more CPU than the rest
 * of a message, and it was done for every message. Keyed by the text itself, so a newly published
 * version, whose text differs, is compiled afresh and one with the same text renders the same
 * anyway. Bounded: the oldest entry goes first once the map is full (template texts are few).
 */
const compiled = new Map<string, HandlebarsTemplateDelegate>();
const COMPILED_MAX = 1000;

/**
 * Plain-text messages: no HTML escaping. Strict: a variable missing from the context throws
 * instead of leaving a hole in the message.
 */
export function compileTemplate(text: string): CompiledTemplate {
  let fn = compiled.get(text);
  if (!fn) {
    fn = engine.compile(text, { strict: true, noEscape: true });
    if (compiled.size >= COMPILED_MAX) compiled.delete(compiled.keys().next().value as string);
    compiled.set(text, fn);
  }
  return fn;
}

