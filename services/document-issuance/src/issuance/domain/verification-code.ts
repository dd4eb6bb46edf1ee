import { randomBytes } from 'node:crypto';

/** No 0/O, 1/I/L: a code read aloud or typed from paper cannot be misread. */
export const VERIFICATION_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LIMIT = 256 - (256 % VERIFICATION_ALPHABET.length); // reject bytes that would bias the draw

/** A random verification code from a cryptographic source, unbiased over the alphabet. */
export function generateVerificationCode(
  length: number,
  random: (n: number) => Buffer = randomBytes,
): string {
  if (length < 10) throw new RangeError('verification codes have at least 10 characters');
  let code = '';
  while (code.length < length) {
    for (const byte of random(length * 2)) {
      if (byte >= LIMIT) continue;
      code += VERIFICATION_ALPHABET[byte % VERIFICATION_ALPHABET.length];
      if (code.length === length) break;
    }
  }
  return code;
}

/** What people type: lower case, spaces or dashes between groups. */
export function normaliseVerificationCode(input: string): string {
  return input.replace(/[\s-]+/g, '').toUpperCase();
}
