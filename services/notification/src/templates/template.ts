/** The `{{name}}` placeholders of a template text, as a union type: the compiler checks what a caller passes. */
export type Placeholders<S extends string> = S extends `${string}{{${infer K}}}${infer Rest}`
  ? K | Placeholders<Rest>
  : never;

export interface MessageTemplate<S extends string = string, B extends string = string> {
  readonly id: string;
  readonly subject: S;
  readonly body: B;
}

export type TemplateVariables<T extends MessageTemplate> =
  T extends MessageTemplate<infer S, infer B> ? Record<Placeholders<S> | Placeholders<B>, string> : never;

export interface RenderedText {
  subject: string;
  text: string;
}

export class TemplateError extends Error {
  constructor(
    readonly templateId: string,
    message: string,
  ) {
    super(`template ${templateId}: ${message}`);
    this.name = 'TemplateError';
  }
}

export function defineTemplate<const S extends string, const B extends string>(
  id: string,
  subject: S,
  body: B,
): MessageTemplate<S, B> {
  return { id, subject, body };
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

export function placeholdersOf(template: MessageTemplate): string[] {
  return [...new Set([...`${template.subject}\n${template.body}`.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/**
 * Fills a template. Besides the compile-time check, refuses at run time a missing or blank value
 * and a variable the template does not use (a typo), so no message goes out with a hole in it.
 */
export function render<T extends MessageTemplate>(
  template: T,
  variables: TemplateVariables<T>,
): RenderedText {
  const vars = variables as Record<string, unknown>;
  const used = placeholdersOf(template);
  const unknown = Object.keys(vars).filter((k) => !used.includes(k));
  if (unknown.length) throw new TemplateError(template.id, `unknown variable(s) ${unknown.join(', ')}`);
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (_, name: string) => {
      const value = vars[name];
      if (typeof value !== 'string' || value.trim() === '')
        throw new TemplateError(template.id, `variable ${name} is missing or blank`);
      return value;
    });
  return { subject: fill(template.subject), text: fill(template.body) };
}
