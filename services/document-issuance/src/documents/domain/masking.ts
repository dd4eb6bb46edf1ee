import type { Holder } from './result-document';

/** 张三 → 张*, 欧阳娜娜 → 欧***: enough for the holder to recognise themselves, not enough to identify a stranger. */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** Keeps the region (first 6) and the last 4 characters: 420102********002X. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 10) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 6) + '*'.repeat(idNumber.length - 10) + idNumber.slice(-4);
}

/** A company's name is public (it is on its business licence); only natural persons are masked. */
export function publicHolderName(holder: Pick<Holder, 'kind' | 'name'>): string {
  return holder.kind === 'LEGAL_PERSON' ? holder.name : maskPersonName(holder.name);
}
