/** The `{{name}}` placeholders of a built-in template text, as a union type. */
export type Placeholders<S extends string> = S extends `${string}{{${infer K}}}${infer Rest}`
  ? K | Placeholders<Rest>
  : never;

export interface MessageTemplate<S extends string = string, B extends string = string> {
  readonly id: string;
  readonly subject: S;
  readonly body: B;
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
