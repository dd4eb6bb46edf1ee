import { createHmac, randomUUID } from 'node:crypto';
import type { NotificationConfig } from '../../config/notification.config';
import {
  classifyGatewayAnswer,
  type SmsGateway,
  SmsGatewayError,
  type SmsRequest,
} from '../domain/sms-gateway';

export const SmsGatewayHeaders = {
  timestamp: 'X-Sms-Timestamp',
  nonce: 'X-Sms-Nonce',
  signature: 'X-Sms-Signature',
} as const;

/** `hex HMAC-SHA256(key, "<timestamp>\n<nonce>\n<body>")`: the gateway checks it knows us and that the call is fresh. */
export function signGatewayRequest(key: string, timestamp: number, nonce: string, body: string): string {
  return createHmac('sha256', key).update(`${timestamp}\n${nonce}\n${body}`).digest('hex');
}

/**
 * A generic JSON-over-HTTP SMS platform: `POST { phone, signName, templateCode, templateParams, outId }`,
 * answered `{ code: 'OK', messageId }` or `{ code, message }`. Provider-specific platforms
 * (Aliyun, Tencent Cloud) would be further adapters of the same port.
 */
export class HttpSmsGateway implements SmsGateway {
  constructor(
    private readonly config: Pick<
      NotificationConfig,
      'SMS_GATEWAY_URL' | 'SMS_GATEWAY_KEY' | 'SMS_SIGN_NAME' | 'SMS_TIMEOUT_MS'
    >,
  ) {}

  async send(request: SmsRequest): Promise<{ messageId: string }> {
    const { SMS_GATEWAY_URL: url, SMS_GATEWAY_KEY: key, SMS_SIGN_NAME: signName } = this.config;
    if (!url || !key || !signName) throw new SmsGatewayError(true, 'SMS gateway is not configured');
    const body = JSON.stringify({
      phone: request.phone,
      signName,
      templateCode: request.templateCode,
      templateParams: request.params,
      outId: request.outId,
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const nonce = randomUUID();
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.SMS_TIMEOUT_MS),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'OneWindow-Notification/1',
          [SmsGatewayHeaders.timestamp]: String(timestamp),
          [SmsGatewayHeaders.nonce]: nonce,
          [SmsGatewayHeaders.signature]: signGatewayRequest(key, timestamp, nonce, body),
        },
        body,
      });
    } catch (e) {
      const err = e as { name?: string; message?: string; cause?: { code?: string } };
      throw new SmsGatewayError(
        false,
        `SMS gateway unreachable: ${err.name ?? 'Error'} ${err.cause?.code ?? err.message ?? ''}`.trim(),
      );
    }
    let answer: { code?: unknown; message?: unknown; messageId?: unknown } = {};
    try {
      answer = (await res.json()) as typeof answer;
    } catch {
      // Not JSON (a proxy's error page): the HTTP status decides.
    }
    const code = typeof answer.code === 'string' ? answer.code : undefined;
    const verdict = classifyGatewayAnswer(res.status, code);
    if (verdict === 'ok' && typeof answer.messageId === 'string' && answer.messageId)
      return { messageId: answer.messageId };
    const text = typeof answer.message === 'string' ? answer.message.slice(0, 200) : '';
    throw new SmsGatewayError(
      verdict === 'permanent',
      `SMS gateway answered HTTP ${res.status}${code ? ` ${code}` : ''}${text && text !== code ? `: ${text}` : ''}`,
    );
  }
}
