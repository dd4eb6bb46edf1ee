import type { PackageDefinition } from '@grpc/proto-loader';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { containsNul } from '../http/nul-characters';

/**
 * What a handler receives instead of a request that is not a valid message of its type, or that
 * holds a NUL character (PostgreSQL text cannot store one). grpc-js answers INTERNAL to anything
 * a deserializer throws, so the deserializer hands this on and GrpcRequestGuard refuses it.
 */
export class InvalidGrpcRequest {
  constructor(
    readonly reason: 'UNDECODABLE_REQUEST' | 'NUL_CHARACTER',
    readonly message: string,
  ) {}
}

/** Thrown by GrpcRequestGuard: the service's error filter answers INVALID_ARGUMENT with `reason`. */
export class InvalidGrpcRequestError extends Error {
  constructor(readonly reason: InvalidGrpcRequest['reason'], message: string) {
    super(message);
    this.name = 'InvalidGrpcRequestError';
  }
}

function checked<T>(deserialize: (bytes: Buffer) => T): (bytes: Buffer) => T | InvalidGrpcRequest {
  return (bytes) => {
    let request: T;
    try {
      request = deserialize(bytes);
    } catch {
      return new InvalidGrpcRequest('UNDECODABLE_REQUEST', 'the request is not a valid protobuf message of its type');
    }
    if (containsNul(request))
      return new InvalidGrpcRequest('NUL_CHARACTER', 'a string field holds a NUL character (U+0000), which no field accepts');
    return request;
  };
}

/** Makes every method of every service in `definition` hand undecodable or NUL-holding requests on as InvalidGrpcRequest. */
export function checkGrpcRequests(definition: PackageDefinition): void {
  for (const d of Object.values(definition)) {
    if ('format' in d) continue; // a message or enum type, not a service
    for (const method of Object.values(d)) method.requestDeserialize = checked(method.requestDeserialize);
  }
}

/** Refuses a request that checkGrpcRequests marked invalid; put it on every gRPC controller. */
@Injectable()
export class GrpcRequestGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request: unknown = context.switchToRpc().getData();
    if (request instanceof InvalidGrpcRequest) throw new InvalidGrpcRequestError(request.reason, request.message);
    return true;
  }
}
