import { IdempotencyLevel, type MethodDefinition, type PackageDefinition } from '@grpc/proto-loader';
import type { ExecutionContext } from '@nestjs/common';
import { checkGrpcRequests, GrpcRequestGuard, InvalidGrpcRequest, InvalidGrpcRequestError } from './grpc-request';

const messageType = { format: 'Protocol Buffer 3 DescriptorProto' as const, type: {}, fileDescriptorProtos: [], serialize: () => Buffer.alloc(0), deserialize: () => ({}) };

function method(): MethodDefinition<object, object> {
  return {
    path: '/x.v1.S/Do',
    requestStream: false,
    responseStream: false,
    requestSerialize: (v: object) => Buffer.from(JSON.stringify(v)),
    requestDeserialize: (b: Buffer) => JSON.parse(b.toString()) as object,
    responseSerialize: (v: object) => Buffer.from(JSON.stringify(v)),
    responseDeserialize: (b: Buffer) => JSON.parse(b.toString()) as object,
    requestType: messageType,
    responseType: messageType,
    options: { deprecated: false, idempotency_level: IdempotencyLevel.IDEMPOTENCY_UNKNOWN, uninterpreted_option: [] },
  };
}

const contextOf = (data: unknown) => ({ switchToRpc: () => ({ getData: () => data }) }) as ExecutionContext;

describe('gRPC request checks', () => {
  it('hands undecodable bytes and NUL characters on as InvalidGrpcRequest, other requests unchanged', () => {
    const service = { Do: method() };
    const d: PackageDefinition = { 'x.v1.S': service, 'x.v1.Req': messageType };
    checkGrpcRequests(d);
    const { requestDeserialize } = service.Do;
    expect(requestDeserialize(Buffer.from('{"a":"ok","b":["x"]}'))).toEqual({ a: 'ok', b: ['x'] });
    expect(requestDeserialize(Buffer.from('{not json'))).toEqual(new InvalidGrpcRequest('UNDECODABLE_REQUEST', expect.any(String) as string));
    expect(requestDeserialize(Buffer.from('{"b":[{"c":"x\\u0000"}]}'))).toMatchObject({ reason: 'NUL_CHARACTER' });
  });

  it('lets a well-formed request through the guard and refuses a marked one', () => {
    const guard = new GrpcRequestGuard();
    expect(guard.canActivate(contextOf({ taskId: 'x' }))).toBe(true);
    expect(() => guard.canActivate(contextOf(new InvalidGrpcRequest('NUL_CHARACTER', 'nul')))).toThrow(InvalidGrpcRequestError);
  });
});
