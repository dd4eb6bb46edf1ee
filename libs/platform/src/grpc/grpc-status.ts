import { Metadata, status } from '@grpc/grpc-js';
import { BinaryWriter } from '@bufbuild/protobuf/wire';

/** What `google.rpc.ErrorInfo` carries: a stable machine-readable reason within a domain. */
export interface GrpcErrorInfo {
  reason: string;
  domain: string;
  metadata?: Record<string, string>;
}

/** The error object grpc-js turns into a status: code, message and trailers. */
export interface GrpcStatusError {
  code: status;
  message: string;
  details: string;
  metadata: Metadata;
}

const ERROR_INFO_TYPE_URL = 'type.googleapis.com/google.rpc.ErrorInfo';
/** Trailer in which gRPC carries a serialized google.rpc.Status with its details. */
export const STATUS_DETAILS_TRAILER = 'grpc-status-details-bin';

function encodeErrorInfo(info: GrpcErrorInfo): Uint8Array {
  const w = new BinaryWriter();
  w.uint32((1 << 3) | 2).string(info.reason);
  w.uint32((2 << 3) | 2).string(info.domain);
  for (const [k, v] of Object.entries(info.metadata ?? {})) {
    w.uint32((3 << 3) | 2).fork();
    w.uint32((1 << 3) | 2).string(k);
    w.uint32((2 << 3) | 2).string(v);
    w.join();
  }
  return w.finish();
}

/** google.rpc.Status { code, message, details: [Any(ErrorInfo)] }, hand-encoded: three fields. */
function encodeStatus(code: status, message: string, info: GrpcErrorInfo): Buffer {
  const w = new BinaryWriter();
  if (code !== 0) w.uint32((1 << 3) | 0).int32(code);
  w.uint32((2 << 3) | 2).string(message);
  w.uint32((3 << 3) | 2).fork();
  w.uint32((1 << 3) | 2).string(ERROR_INFO_TYPE_URL);
  w.uint32((2 << 3) | 2).bytes(encodeErrorInfo(info));
  w.join();
  return Buffer.from(w.finish());
}

/**
 * A gRPC error with a canonical status code, a message for humans and, when given, a
 * google.rpc.ErrorInfo in the standard `grpc-status-details-bin` trailer for programs.
 */
export function grpcStatusError(code: status, message: string, info?: GrpcErrorInfo): GrpcStatusError {
  const metadata = new Metadata();
  if (info) metadata.set(STATUS_DETAILS_TRAILER, encodeStatus(code, message, info));
  return { code, message, details: message, metadata };
}
