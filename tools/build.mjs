// Compiles every library and service to dist/ (mirroring the repository) with swc, rewriting the
// @onewindow/* aliases to relative paths so dist/ runs with plain `node`. Type checking is
// `npm run typecheck` (tsc), kept apart because swc does not check types.
import { transformFile } from '@swc/core';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
const swcrc = JSON.parse(await readFile(join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;
const paths = {
  '@onewindow/contracts': ['libs/contracts/src/index.ts'],
  '@onewindow/domain': ['libs/domain/src/index.ts'],
  '@onewindow/pdf': ['libs/pdf/src/index.ts'],
  '@onewindow/platform': ['libs/platform/src/index.ts'],
  '@onewindow/platform/tracing': ['libs/platform/src/observability/tracing.ts'],
  '@onewindow/testing': ['libs/testing/src/index.ts'],
  '@onewindow/proto': ['libs/proto/src/index.ts'],
};

async function* walk(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !/\.(int-|e2e-)?spec\.ts$/.test(e.name)) yield p;
  }
}

const sources = [];
for (const lib of await readdir(join(root, 'libs'))) sources.push(join(root, 'libs', lib, 'src'));
for (const svc of await readdir(join(root, 'services'))) {
  sources.push(join(root, 'services', svc, 'src'), join(root, 'services', svc, 'migrations'));
}
sources.push(join(root, 'tools', 'scripts'), join(root, 'tools', 'bench'), join(root, 'tools', 'faults'));

await rm(out, { recursive: true, force: true });
const started = Date.now();
let n = 0;
for (const dir of sources) {
  for await (const file of walk(dir)) {
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    const result = await transformFile(file, {
      ...swcrc,
      swcrc: false,
      filename: file,
      sourceMaps: true,
      jsc: { ...swcrc.jsc, baseUrl: root, paths },
      outputPath: target,
    });
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, `${result.code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    if (result.map) await writeFile(`${target}.map`, result.map);
    n++;
  }
}
console.log(`built ${n} files into dist/ in ${Date.now() - started} ms`);
