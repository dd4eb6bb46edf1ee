/**
 * Server side (NestJS with Transport.GRPC): message types, the
 * `DepartmentQueueServiceController` interface and the
 * `@DepartmentQueueServiceControllerMethods()` decorator. Runtime objects come
 * from @grpc/proto-loader; load the proto with PROTO_LOADER_OPTIONS.
 */
export * as approvalV1 from './generated/nest/onewindow/approval/v1/department_queue';

/**
 * Plain @grpc/grpc-js side: the same message shapes plus a protobuf codec
 * (`Task.fromPartial`, `encode`, `decode`), `DepartmentQueueServiceClient`
 * and `DepartmentQueueServiceService`. For tests and department-system
 * simulators. Its enums are distinct TypeScript enums from approvalV1's, with
 * the same string values.
 */
export * as approvalV1GrpcJs from './generated/grpc-js/onewindow/approval/v1/department_queue';

export type { Duration } from './generated/nest/google/protobuf/duration';
export type { Timestamp } from './generated/nest/google/protobuf/timestamp';

export {
  APPROVAL_V1_PACKAGE,
  DEPARTMENT_QUEUE_PROTO,
  DEPARTMENT_QUEUE_PROTO_PATH,
  DEPARTMENT_QUEUE_SERVICE_FQN,
  locateProtoRoot,
  PROTO_FILES,
  PROTO_ROOT,
} from './proto-files';
export { PROTO_LOADER_OPTIONS } from './proto-loader-options';
export {
  dateFromTimestamp,
  durationFromMillis,
  millisFromDuration,
  timestampFromDate,
} from './well-known-types';
