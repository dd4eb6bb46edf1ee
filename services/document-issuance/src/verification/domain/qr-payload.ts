import type { DocumentSignature } from '../../documents/domain/result-document';

/**
 * What the QR code on a document holds: the public verification URL with the code, plus the key id and
 * signature, so a scan checks that the paper in hand carries the signature of the document on record.
 */
export function verificationUrl(
  base: string,
  code: string,
  signature?: Pick<DocumentSignature, 'kid' | 'value'>,
): string {
  const url = `${base.replace(/\/+$/, '')}/${encodeURIComponent(code)}`;
  if (!signature) return url;
  return `${url}?kid=${encodeURIComponent(signature.kid)}&sig=${encodeURIComponent(signature.value)}`;
}
