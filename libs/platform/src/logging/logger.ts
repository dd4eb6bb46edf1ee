import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { activeTraceIds } from '../observability/trace-context';
import { currentContext } from './request-context';

/** Personal data never reaches the logs (GB/T 35273): these paths are censored wherever they appear. */
export const REDACTED_PATHS = [
  'idNumber',
  'phone',
  'email',
  'address',
  '*.idNumber',
  '*.phone',
  '*.email',
  '*.address',
  '*.*.idNumber',
  '*.*.phone',
  '*.*.email',
  'req.headers.authorization',
];

export function createLogger(service: string, level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const ctx = currentContext();
        const ids = activeTraceIds();
        return { ...(ctx ? { correlationId: ctx.correlationId } : {}), ...(ids ? { traceId: ids.traceId, spanId: ids.spanId } : {}) };
      },
    },
    destination,
  );
}

/** Nest's logger interface over pino: one JSON line per entry, with the correlation id of the work at hand. */
export class JsonLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    // Nest passes the context (class name) last, and for errors a stack before it.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const stack = typeof rest[0] === 'string' ? (rest[0] as string) : undefined;
    if (message instanceof Error) {
      this.pino[level]({ context, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ context, ...message });
    } else {
      this.pino[level]({ context, stack }, String(message));
    }
  }
}
