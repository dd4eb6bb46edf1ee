/** What an S3 client error means for a material file. */
export type S3Failure = 'missing' | 'unavailable';

/**
 * The SDK's errors carry the S3 error code as `name` and the HTTP status in `$metadata`;
 * connection failures carry neither. Only "no such object" says the content is gone; everything
 * else (credentials, bucket, network, 5xx) is the storage being unavailable.
 */
export function classifyS3Error(e: unknown): S3Failure {
  const err = e as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  const code = err?.name ?? err?.Code;
  if (code === 'NoSuchKey' || code === 'NotFound') return 'missing';
  if (err?.$metadata?.httpStatusCode === 404 && code !== 'NoSuchBucket') return 'missing';
  return 'unavailable';
}

/** A message for logs and problem details: the S3 code and status, never the credentials. */
export function describeS3Error(e: unknown): string {
  const err = e as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  const status = err?.$metadata?.httpStatusCode;
  return [err?.name ?? 'Error', status ? `HTTP ${status}` : err?.code, err?.message].filter(Boolean).join(': ');
}
