import { classifyS3Error, describeS3Error } from './s3-errors';

describe('S3 errors', () => {
  const s3Error = (name: string, httpStatusCode?: number) => Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode } });

  it('treats only a missing object as missing content', () => {
    expect(classifyS3Error(s3Error('NoSuchKey', 404))).toBe('missing');
    expect(classifyS3Error(s3Error('UnknownError', 404))).toBe('missing');
    expect(classifyS3Error(s3Error('NoSuchBucket', 404))).toBe('unavailable');
    expect(classifyS3Error(s3Error('AccessDenied', 403))).toBe('unavailable');
    expect(classifyS3Error(s3Error('InternalError', 500))).toBe('unavailable');
    expect(classifyS3Error(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe('unavailable');
  });

  it('describes an error by code and status', () => {
    expect(describeS3Error(s3Error('AccessDenied', 403))).toBe('AccessDenied: HTTP 403: AccessDenied happened');
    expect(describeS3Error(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe('Error: ECONNREFUSED: connect ECONNREFUSED');
  });
});
