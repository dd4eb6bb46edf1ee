import { maskName } from '@onewindow/domain';
import type { Holder } from './result-document';

/** 湖北省武汉市江岸区解放大道1号 → 湖北省武汉市****: the city shows, the street does not. */
export function maskAddress(address: string): string {
  const chars = [...address.trim()];
  return chars.slice(0, Math.min(6, Math.max(1, chars.length - 4))).join('') + '****';
}

/** A company's name is public (it is on its business licence); only natural persons are masked. */
export function publicHolderName(holder: Pick<Holder, 'kind' | 'name'>): string {
  return holder.kind === 'LEGAL_PERSON' ? holder.name : maskName(holder.name.trim());
}
