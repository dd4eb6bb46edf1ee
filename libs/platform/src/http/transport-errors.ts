import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemType } from './problem';
import { sendProblem } from './problem-details.filter';

/** Node's HTTP parser errors, before any route runs (fastify would answer them as plain JSON). */
export function clientErrorProblem(err: { code?: string }): ProblemDetails {
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    return { type: problemType('headers-too-large'), title: 'The request line or headers are too large', status: 431 };
  }
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { type: problemType('request-timeout'), title: 'The request took too long to arrive', status: 408 };
  return { type: problemType('malformed-request'), title: 'The request is not valid HTTP', status: 400 };
}

/** fastify `clientErrorHandler`: answers a request Node could not parse with problem details, then closes. */
export function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return;
  const problem = clientErrorProblem(err);
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** fastify `frameworkErrors`: a URL that cannot be percent-decoded is the caller's error, as problem details. */
export function answerFrameworkError(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const problem: ProblemDetails =
    err.code === 'FST_ERR_BAD_URL'
      ? { type: problemType('malformed-url'), title: 'The URL is not validly percent-encoded', status: 400 }
      : { type: problemType('bad-request'), title: 'The request cannot be routed', status: 400 };
  sendProblem(reply, problem);
}
