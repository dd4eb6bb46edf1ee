import type { Subscription } from 'rxjs';
import type { DepartmentalApprovalConfig } from '../config/departmental-approval.config';
import type { QueueEvent } from './domain/task-snapshot';
import type { QueueEventLog } from './infrastructure/queue-event-log';
import type { QueueNotifier } from './infrastructure/queue-notifier';
import { WatchQueueUseCase } from './watch-queue.usecase';

/** An in-memory queue log and notifier: the log is the truth, signals only say "read again". */
function setup() {
  const rows: QueueEvent[] = [];
  const listeners = new Set<() => void>();
  const hooks: { beforeHead?: () => void } = {};
  let reads = 0;
  const log = {
    after: async (dept: string, cursor: string, limit: number) => {
      reads++;
      await new Promise((r) => setImmediate(r));
      return rows
        .filter((e) => e.departmentCode === dept && BigInt(e.cursor) > BigInt(cursor))
        .slice(0, limit);
    },
    head: async (dept: string) => {
      hooks.beforeHead?.();
      await new Promise((r) => setImmediate(r));
      return rows.filter((e) => e.departmentCode === dept).at(-1)?.cursor ?? '0';
    },
    exists: async (cursor: string) => BigInt(cursor) <= BigInt(rows.at(-1)?.cursor ?? '0'),
  };
  const notifier = {
    listen: async (_dept: string, l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const sut = new WatchQueueUseCase(
    log as unknown as QueueEventLog,
    notifier as unknown as QueueNotifier,
    { WATCH_POLL_INTERVAL_MS: 60_000 } as DepartmentalApprovalConfig,
  );
  const append = (dept: string, taskId: string) => {
    rows.push({ cursor: String(rows.length + 1), departmentCode: dept, taskId } as QueueEvent);
    for (const l of listeners) l();
  };
  return { sut, append, listeners, hooks, reads: () => reads };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('WatchQueueUseCase', () => {
  let subscription: Subscription | undefined;
  afterEach(() => subscription?.unsubscribe());

  it('starts from now, streams new events once each in order, however the signals overlap', async () => {
    const { sut, append } = setup();
    append('D', 'old');
    const got: string[] = [];
    let live = false;
    subscription = sut
      .execute({ departmentCode: 'D', afterCursor: null, onLive: () => (live = true) })
      .subscribe((e) => got.push(e.taskId));
    await settle();
    expect(live).toBe(true);
    append('D', 't1');
    append('X', 'other');
    append('D', 't2');
    append('D', 't3');
    await settle();
    expect(got).toEqual(['t1', 't2', 't3']);
  });

  it('ignores signals that come before it knows where "now" is', async () => {
    const { sut, append, hooks } = setup();
    append('D', 'old');
    hooks.beforeHead = () => append('D', 'racing');
    const got: string[] = [];
    subscription = sut
      .execute({ departmentCode: 'D', afterCursor: null })
      .subscribe((e) => got.push(e.taskId));
    await settle();
    append('D', 'new');
    await settle();
    expect(got).toEqual(['new']);
  });

  it('replays after a cursor before going live', async () => {
    const { sut, append } = setup();
    ['a', 'b', 'c'].forEach((t) => append('D', t));
    const got: string[] = [];
    subscription = sut
      .execute({ departmentCode: 'D', afterCursor: '1' })
      .subscribe((e) => got.push(e.taskId));
    await settle();
    append('D', 'd');
    await settle();
    expect(got).toEqual(['b', 'c', 'd']);
  });

  it('refuses a cursor beyond the end of the log with OUT_OF_RANGE semantics', async () => {
    const { sut } = setup();
    const error = await new Promise<unknown>((resolve) => {
      subscription = sut.execute({ departmentCode: 'D', afterCursor: '42' }).subscribe({ error: resolve });
    });
    expect(error).toMatchObject({ kind: 'out-of-range', reason: 'CURSOR_EXPIRED' });
  });

  it('stops listening when the subscriber goes away', async () => {
    const { sut, listeners } = setup();
    subscription = sut.execute({ departmentCode: 'D', afterCursor: null }).subscribe();
    await settle();
    expect(listeners.size).toBe(1);
    subscription.unsubscribe();
    expect(listeners.size).toBe(0);
  });

  it('ends open streams on shutdown', async () => {
    const { sut } = setup();
    const error = new Promise<unknown>((resolve) => {
      subscription = sut.execute({ departmentCode: 'D', afterCursor: null }).subscribe({ error: resolve });
    });
    await settle();
    await sut.beforeApplicationShutdown();
    await expect(error).resolves.toMatchObject({ name: 'StreamInterruptedError' });
  });
});
