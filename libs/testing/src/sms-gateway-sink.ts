import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

/** What the fake gateway received in one send request (phone in full: tests need to see it arrived). */
export interface ReceivedSms {
  headers: IncomingHttpHeaders;
  body: string;
  phone: string;
  signName: string;
  templateCode: string;
  templateParams: Record<string, string>;
  outId?: string;
  messageId: string;
}

/** How the fake gateway answers the next send requests. */
export type SmsGatewayFailure =
  { kind: 'http'; status: number } | { kind: 'code'; code: string; message?: string };

/**
 * A fake SMS platform on loopback in the style of Chinese SMS gateways: `POST /sms/send` with
 * `{ phone, signName, templateCode, templateParams, outId }`, answers
 * `{ code: 'OK', messageId }` or `{ code, message }`, and can post delivery receipts back to a
 * callback URL, signed with the shared key:
 * `X-Sms-Signature: hex HMAC-SHA256(key, "<ts>\n<messageId>\n<status>\n<reportedAt>")`.
 */
export class SmsGatewaySink {
  readonly messages: ReceivedSms[] = [];
  /** Requests refused because of `failWith` (not in `messages`). */
  refused = 0;
  private server?: Server;
  port = 0;
  /** Set to make every send request fail until cleared. */
  failWith?: SmsGatewayFailure;

  constructor(private readonly key: string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const answer = (status: number, json: unknown) =>
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
        if (this.failWith) {
          this.refused++;
          if (this.failWith.kind === 'http') return answer(this.failWith.status, { code: 'ERROR' });
          return answer(200, {
            code: this.failWith.code,
            message: this.failWith.message ?? this.failWith.code,
          });
        }
        const body = Buffer.concat(chunks).toString('utf8');
        let json: Partial<ReceivedSms>;
        try {
          json = JSON.parse(body) as Partial<ReceivedSms>;
        } catch {
          return answer(400, { code: 'BAD_REQUEST', message: 'body is not JSON' });
        }
        const messageId = `sms-${randomUUID()}`;
        this.messages.push({
          headers: req.headers,
          body,
          phone: String(json.phone),
          signName: String(json.signName),
          templateCode: String(json.templateCode),
          templateParams: json.templateParams ?? {},
          outId: json.outId,
          messageId,
        });
        answer(200, { code: 'OK', message: 'OK', messageId });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const addr = this.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : 0;
    return `http://127.0.0.1:${this.port}/sms/send`;
  }

  /** Posts a delivery receipt (状态报告) to the callback URL, signed as the real gateway would; returns the HTTP status. */
  async sendReceipt(
    callbackUrl: string,
    receipt: { messageId: string; status: 'DELIVERED' | 'FAILED'; reportedAt: string; errorCode?: string },
    key = this.key,
  ): Promise<number> {
    const body = JSON.stringify(receipt);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const res = await fetch(callbackUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-sms-timestamp': timestamp,
        'x-sms-signature': createHmac('sha256', key)
          .update(`${timestamp}\n${receipt.messageId}\n${receipt.status}\n${receipt.reportedAt}`)
          .digest('hex'),
      },
      body,
    });
    await res.body?.cancel().catch(() => undefined);
    return res.status;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
