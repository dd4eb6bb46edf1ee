import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { DEPARTMENT_QUEUE_PROTO_PATH, locateProtoRoot, PROTO_FILES, PROTO_ROOT } from '../src';

const repositoryProto = resolve(__dirname, '..', '..', '..', 'proto');

describe('proto file location', () => {
  it('points at the repository proto/ when running from source', () => {
    expect(PROTO_ROOT).toBe(repositoryProto);
    expect(existsSync(DEPARTMENT_QUEUE_PROTO_PATH)).toBe(true);
    PROTO_FILES.forEach((file) => expect(existsSync(join(PROTO_ROOT, file))).toBe(true));
  });

  it.each([
    ['libs/proto/dist', ['libs', 'proto', 'dist']],
    ['dist/libs/proto/src (tools/build.mjs)', ['dist', 'libs', 'proto', 'src']],
  ])('finds the same proto/ from %s', (_where, segments) => {
    expect(locateProtoRoot(join(repositoryProto, '..', ...segments))).toBe(repositoryProto);
  });
});
