import { Socket } from 'node:net';
import { answerClientError, clientErrorProblem } from './transport-errors';

describe('errors before routing', () => {
  it('maps an over-long request line or header block to 431, anything else unparseable to 400', () => {
    expect(clientErrorProblem({ code: 'HPE_HEADER_OVERFLOW' })).toMatchObject({ status: 431, type: '/problems/headers-too-large' });
    expect(clientErrorProblem({ code: 'HPE_INVALID_METHOD' })).toMatchObject({ status: 400, type: '/problems/malformed-request' });
  });

  it('writes a complete problem+json response on the socket and closes it', () => {
    const socket = new Socket();
    Object.defineProperty(socket, 'writable', { value: true });
    const end = jest.spyOn(socket, 'end').mockImplementation(() => socket);
    answerClientError(Object.assign(new Error('overflow'), { code: 'HPE_HEADER_OVERFLOW' }), socket);
    const raw = String(end.mock.calls[0][0]);
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(head).toContain('Content-Type: application/problem+json');
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    expect(JSON.parse(body)).toMatchObject({ status: 431, title: expect.any(String) });
  });
});
