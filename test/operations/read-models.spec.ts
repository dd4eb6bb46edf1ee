import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findReadModel, NOT_REBUILDABLE, READ_MODELS, topicsOf } from '../../tools/scripts/read-models';
import { SUPERVISION } from '../../services/supervision/src/service';
import { DOCUMENT_ISSUANCE } from '../../services/document-issuance/src/service';

const root = resolve(__dirname, '../..');
const CONSUMES: Record<string, readonly string[]> = {
  supervision: SUPERVISION.consumes,
  'document-issuance': DOCUMENT_ISSUANCE.consumes,
};

/** Every `@EventPattern` of the service's `*.consumer.ts` classes: event type → the methods handling it. */
function handlersOf(service: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.consumer.ts') ? [join(dir, e.name)] : []));
  for (const file of walk(join(root, 'services', service, 'src'))) {
    for (const cls of Object.values(require(file) as Record<string, unknown>)) {
      if (typeof cls !== 'function') continue;
      const proto = cls.prototype as Record<string, unknown>;
      for (const method of Object.getOwnPropertyNames(proto)) {
        const patterns = (Reflect.getMetadata('microservices:pattern', proto[method] as object) ?? []) as string[];
        for (const p of patterns) out.set(p, [...(out.get(p) ?? []), `${cls.name}.${method}`]);
      }
    }
  }
  return out;
}

describe('the read models `npm run ops -- rebuild` knows', () => {
  it.each(READ_MODELS.map((m) => [`${m.service} ${m.name}`, m] as const))(
    '%s: drops the inbox rows of exactly the types its consumer handles, each by that consumer alone, on topics the service reads',
    (_, m) => {
      const handlers = handlersOf(m.service);
      const owner = handlers.get(m.eventTypes[0])?.[0]?.split('.')[0];
      const ownersTypes = [...handlers].filter(([, hs]) => hs.some((h) => h.startsWith(`${owner}.`))).map(([t]) => t);
      // A type the consumer handles but the model forgets would not be re-applied after a rebuild.
      expect([...m.eventTypes].sort()).toEqual(ownersTypes.sort());
      // A second handler of the same type would run again too: a rebuild must not re-run other effects.
      for (const t of m.eventTypes) expect(handlers.get(t)).toHaveLength(1);
      for (const topic of topicsOf(m)) expect(CONSUMES[m.service]).toContain(topic);
    },
  );

  it('refuses an unknown read model and a non-rebuildable one, naming the rebuildable ones', () => {
    expect(() => findReadModel('supervision', 'nothing')).toThrow(
      'unknown read model "supervision nothing"; rebuildable: supervision measures, document-issuance matters',
    );
    expect(() => findReadModel(undefined, undefined)).toThrow(/rebuildable: supervision measures/);
    expect(() => findReadModel('routing', 'rules')).toThrow(/routing rules cannot be rebuilt from Kafka: applying a rule set also retries/);
    expect(NOT_REBUILDABLE.map((m) => `${m.service} ${m.name}`)).not.toContain('supervision measures');
  });
});
