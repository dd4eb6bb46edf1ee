import { HttpStatus } from '@nestjs/common';
import { ProblemException } from './problem';

/** True when a string anywhere in `value` holds U+0000, which PostgreSQL text cannot store (it fails the query). */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1));
}

/** Refuses path, query or body input holding a NUL character with 400 problem details. */
export function assertNoNul(input: Record<string, unknown>): void {
  const where = Object.keys(input).find((k) => containsNul(input[k]));
  if (where) throw new ProblemException('nul-character', 'The request contains a NUL character', HttpStatus.BAD_REQUEST, `in the ${where}`);
}
