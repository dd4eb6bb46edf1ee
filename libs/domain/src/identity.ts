/**
 * Check characters of the two identifiers every case carries. Plain arithmetic from the standards;
 * no library covers both, and the algorithms are short and fixed.
 */

const CITIZEN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CITIZEN_CHECK = '10X98765432';

/** GB 11643-1999 居民身份证号: 17 digits, then a check character (ISO 7064 MOD 11-2). */
export function citizenIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * CITIZEN_WEIGHTS[i];
  return CITIZEN_CHECK[sum % 11];
}

export type IdProblem = 'format' | 'check-character' | 'birth-date';

export function checkCitizenId(id: string): IdProblem | null {
  if (!/^[1-9]\d{5}\d{8}\d{3}[\dX]$/.test(id)) return 'format';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > Date.now()) return 'birth-date';
  return citizenIdCheckChar(id.slice(0, 17)) === id[17] ? null : 'check-character';
}

/** GB 32100-2015 统一社会信用代码 alphabet: digits and capitals without I, O, Z, S, V. */
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

export function checkUscc(code: string): IdProblem | null {
  // Registration authority (1 char), kind (1), region code (6 digits), organisation code (9), check (1).
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return 'format';
  return usccCheckChar(code.slice(0, 17)) === code[17] ? null : 'check-character';
}

/** 张三 → 张*, 欧阳娜娜 → 欧***: enough for a clerk to recognise, not to identify. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

/** Keeps the region (first 6) and the last 4 characters: 420102199001011234 → 420102********1234. */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}
