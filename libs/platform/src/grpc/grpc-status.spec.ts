import { status } from '@grpc/grpc-js';
import { BinaryReader } from '@bufbuild/protobuf/wire';
import { grpcStatusError, STATUS_DETAILS_TRAILER } from './grpc-status';

// Decodes what a client library would: google.rpc.Status → Any → ErrorInfo.
function fields(bytes: Uint8Array): Array<[number, Uint8Array | number]> {
  const r = new BinaryReader(bytes);
  const out: Array<[number, Uint8Array | number]> = [];
  while (r.pos < r.len) {
    const [no, type] = r.tag();
    out.push([no, type === 0 ? r.int32() : r.bytes()]);
  }
  return out;
}
const text = (b: Uint8Array | number) => Buffer.from(b as Uint8Array).toString();

describe('gRPC status errors', () => {
  it('carries code, message and a google.rpc.ErrorInfo in grpc-status-details-bin', () => {
    const e = grpcStatusError(status.INVALID_ARGUMENT, 'a denial must give its reason', {
      reason: 'REASON_REQUIRED',
      domain: 'approval.onewindow',
      metadata: { field: 'reason' },
    });
    expect(e).toMatchObject({ code: status.INVALID_ARGUMENT, details: 'a denial must give its reason' });
    const [bin] = e.metadata.get(STATUS_DETAILS_TRAILER);
    const st = fields(bin as Buffer);
    expect(st[0]).toEqual([1, status.INVALID_ARGUMENT]);
    expect(text(st[1][1])).toBe('a denial must give its reason');
    const any = fields(st[2][1] as Uint8Array);
    expect(text(any[0][1])).toBe('type.googleapis.com/google.rpc.ErrorInfo');
    const info = fields(any[1][1] as Uint8Array);
    expect(text(info[0][1])).toBe('REASON_REQUIRED');
    expect(text(info[1][1])).toBe('approval.onewindow');
    expect(fields(info[2][1] as Uint8Array).map(([, v]) => text(v))).toEqual(['field', 'reason']);
  });

  it('sends no trailer without details', () => {
    expect(grpcStatusError(status.INTERNAL, 'x').metadata.get(STATUS_DETAILS_TRAILER)).toEqual([]);
  });
});
