/** One text message as an SMS platform takes it: a registered template and its parameters. */
export interface SmsRequest {
  phone: string;
  templateCode: string;
  params: Record<string, string>;
  /** Our delivery id, echoed by the platform: lets it drop a repeated request. */
  outId: string;
}

/** Port: an SMS platform. Resolves with the platform's message id; throws SmsGatewayError otherwise. */
export interface SmsGateway {
  send(request: SmsRequest): Promise<{ messageId: string }>;
}

export const SMS_GATEWAY = Symbol('SMS_GATEWAY');

export class SmsGatewayError extends Error {
  constructor(
    readonly permanent: boolean,
    message: string,
  ) {
    super(message);
    this.name = 'SmsGatewayError';
  }
}

/** Platform answer codes that no retry will change (in the style of Aliyun / Tencent Cloud SMS). */
const PERMANENT_CODES = new Set([
  'INVALID_PHONE',
  'MOBILE_NUMBER_ILLEGAL',
  'BLACKLISTED',
  'BLACK_KEY_CONTROL_LIMIT',
  'TEMPLATE_INVALID',
  'TEMPLATE_MISSING_PARAMETERS',
  'SIGN_INVALID',
  'UNAUTHORIZED',
  'SIGNATURE_DOES_NOT_MATCH',
  'BAD_REQUEST',
]);

/**
 * Transient or permanent: network errors, HTTP 408/429/5xx and unknown or throttling codes are
 * retried (the platform drops repeats by outId); other 4xx answers and the codes above are not.
 */
export function classifyGatewayAnswer(
  httpStatus: number,
  code: string | undefined,
): 'ok' | 'transient' | 'permanent' {
  if (httpStatus >= 200 && httpStatus < 300 && code === 'OK') return 'ok';
  if (code && PERMANENT_CODES.has(code.toUpperCase())) return 'permanent';
  if (httpStatus === 408 || httpStatus === 429 || httpStatus >= 500) return 'transient';
  if (httpStatus >= 400) return 'permanent';
  return 'transient';
}
