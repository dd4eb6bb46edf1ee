import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { EVENT_CATALOG } from '@onewindow/contracts';
import { buildAsyncApi } from '../../tools/scripts/asyncapi';

const committed = readFileSync(resolve(__dirname, '../../docs/asyncapi.json'), 'utf8');

describe('the AsyncAPI document integrators read (docs/asyncapi.json)', () => {
  it('is what libs/contracts generates now (run `npm run docs:asyncapi` after changing a contract)', () => {
    expect(committed).toBe(`${JSON.stringify(buildAsyncApi(), null, 2)}\n`);
  });

  it('is valid AsyncAPI 3 for the official parser and describes every event type', async () => {
    const { document, diagnostics } = await new Parser().parse(committed);
    const errors = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('/')}: ${d.message}`);
    expect(errors).toEqual([]);
    const names = document!.allMessages().all().map((m) => m.name());
    expect(names.sort()).toEqual(Object.keys(EVENT_CATALOG).sort());
  });
});
