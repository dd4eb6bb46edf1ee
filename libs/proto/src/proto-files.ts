import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const APPROVAL_V1_PACKAGE = 'onewindow.approval.v1';

/** Fully qualified name: the key for health status and reflection. */
export const DEPARTMENT_QUEUE_SERVICE_FQN = 'onewindow.approval.v1.DepartmentQueueService';

/**
 * Path relative to PROTO_ROOT: pass it as Nest's `protoPath` together with
 * PROTO_LOADER_OPTIONS (whose `includeDirs` is [PROTO_ROOT]), so that it and
 * any later contract importing another by its proto/-relative name resolve.
 */
export const DEPARTMENT_QUEUE_PROTO = 'onewindow/approval/v1/department_queue.proto';

/** Every .proto file of the contracts, relative to PROTO_ROOT. */
export const PROTO_FILES: readonly string[] = [DEPARTMENT_QUEUE_PROTO];

/**
 * The nearest `proto/` directory holding the contracts, looking upwards from
 * `from`. This code runs from libs/proto/src (ts, jest), libs/proto/dist and
 * dist/libs/proto/src (tools/build.mjs), and an image may put proto/ beside
 * dist/, so a fixed relative path would not do. Falls back to the repository
 * layout, so a missing proto/ shows up as proto-loader's ENOENT on that path.
 */
export function locateProtoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'proto');
    if (existsSync(join(candidate, DEPARTMENT_QUEUE_PROTO))) return candidate;
    if (dirname(dir) === dir) return resolve(from, '..', '..', '..', 'proto');
  }
}

/** Absolute path of the repository's proto/ (buf's module root) at runtime. */
export const PROTO_ROOT: string = locateProtoRoot(__dirname);

/** Absolute path of the department queue contract. */
export const DEPARTMENT_QUEUE_PROTO_PATH: string = join(PROTO_ROOT, DEPARTMENT_QUEUE_PROTO);
