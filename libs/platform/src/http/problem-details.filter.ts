import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, ProblemException, problemType } from './problem';

const FASTIFY_ERRORS: Record<string, { slug: string; title: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { slug: 'payload-too-large', title: 'The request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { slug: 'unsupported-media-type', title: 'The content type is not supported' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { slug: 'malformed-body', title: 'The request body is empty' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { slug: 'malformed-body', title: 'The content length does not match the body' },
};

const HTTP_SLUGS: Record<number, string> = {
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
};

/** Maps anything thrown while handling a request to problem details. Never leaks internals. */
export function toProblem(err: unknown, instance: string, log: Logger): ProblemDetails {
  if (err instanceof ProblemException) return err.toProblem(instance);
  const e = err as { statusCode?: number; code?: string; message?: string };
  if (e.code && FASTIFY_ERRORS[e.code]) {
    const m = FASTIFY_ERRORS[e.code];
    return { type: problemType(m.slug), title: m.title, status: e.statusCode ?? 400, detail: e.message, instance };
  }
  if (err instanceof SyntaxError || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (e.statusCode === 400 && /JSON/i.test(e.message ?? ''))) {
    return { type: problemType('malformed-json'), title: 'The request body is not valid JSON', status: 400, detail: e.message, instance };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    if (status === 400 && /not valid JSON|Body cannot be empty/i.test(err.message)) {
      return { type: problemType('malformed-json'), title: 'The request body is not valid JSON', status, detail: err.message, instance };
    }
    const body = err.getResponse();
    const detail = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? err.message);
    const slug = HTTP_SLUGS[status] ?? `http-${status}`;
    return { type: problemType(slug), title: err.message, status, detail: Array.isArray(detail) ? detail.join('; ') : String(detail), instance };
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { type: problemType(`http-${e.statusCode}`), title: e.message ?? 'Bad request', status: e.statusCode, instance };
  }
  log.error({ err }, 'unhandled error');
  return {
    type: problemType('internal-error'),
    title: 'Something went wrong on our side',
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    detail: 'The error was logged; nothing was saved half-way. Retry with the same Idempotency-Key.',
    instance,
  };
}

export function sendProblem(reply: FastifyReply, problem: ProblemDetails): void {
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<FastifyRequest>();
    sendProblem(ctx.getResponse<FastifyReply>(), toProblem(exception, req.url, this.log));
  }
}
