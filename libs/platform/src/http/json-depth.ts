import { HttpStatus } from '@nestjs/common';
import { ProblemException } from './problem';

/** Deeper than any of our DTOs; validation recurses per level, so unbounded nesting overflows the stack. */
export const MAX_JSON_DEPTH = 32;

/** The deepest nesting of arrays and objects in a JSON text, scanning without recursion (strings skipped). */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/** Refuses a body nested deeper than `max` with 400 problem details, before it is parsed. */
export function assertJsonDepth(text: string, max = MAX_JSON_DEPTH): void {
  if (jsonNestingDepth(text) > max) {
    throw new ProblemException('json-too-deep', 'The request body is nested too deeply', HttpStatus.BAD_REQUEST, `at most ${max} levels of arrays and objects`, { maxDepth: max });
  }
}
