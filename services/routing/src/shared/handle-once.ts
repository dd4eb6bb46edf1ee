import type { AnyCloudEvent } from '@onewindow/contracts';
import type { Inbox } from '@onewindow/platform';
import type { EntityManager } from 'typeorm';

export type Once<T> = { duplicate: true } | { duplicate: false; value: T };

/** Runs `effect` in the inbox's transaction and hands back its result, or says the event was seen before. */
export async function handleOnce<T>(
  inbox: Inbox,
  event: AnyCloudEvent,
  effect: (tx: EntityManager) => Promise<T>,
): Promise<Once<T>> {
  const box: { value?: T } = {};
  const outcome = await inbox.handle(event, async (tx) => {
    box.value = await effect(tx);
  });
  return outcome === 'duplicate' ? { duplicate: true } : { duplicate: false, value: box.value as T };
}
