import type { Options } from '@grpc/proto-loader';
import { PROTO_ROOT } from './proto-files';

/**
 * @grpc/proto-loader options under which the objects NestJS hands to and takes
 * from controllers have exactly the shape of the generated types in
 * `approvalV1` (ts-proto options in buf.gen.yaml). Change both together; the
 * round-trip test in libs/proto/test checks them against each other.
 */
export const PROTO_LOADER_OPTIONS: Options = {
  // camelCase keys, as ts-proto emits them.
  keepCase: false,
  // int64 (Task.version, Timestamp.seconds) as number, as ts-proto's default
  // forceLong=number; our int64 values stay far below 2^53.
  longs: Number,
  // Enum values as their proto names ("TASK_STATUS_CLAIMED"), the values of
  // ts-proto's stringEnums=true (removeEnumPrefix only shortens the keys).
  enums: String,
  // Unset scalars arrive as '' / 0 / false / the zero enum name and unset
  // repeated fields as [], as ts-proto's non-optional fields promise; unset
  // message fields (Timestamp, Duration, Task...) arrive as null, as
  // useNullAsOptional=true declares.
  defaults: true,
  // No virtual "which member is set" keys: ts-proto's types do not have them.
  oneofs: false,
  includeDirs: [PROTO_ROOT],
};
