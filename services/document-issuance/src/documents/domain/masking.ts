import { maskName } from '@onewindow/domain';
import type { Holder } from './result-document';

/** A company's name is public (it is on its business licence); only natural persons are masked. */
export function publicHolderName(holder: Pick<Holder, 'kind' | 'name'>): string {
  return holder.kind === 'LEGAL_PERSON' ? holder.name : maskName(holder.name.trim());
}
