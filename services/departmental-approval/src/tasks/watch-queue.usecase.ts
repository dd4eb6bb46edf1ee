import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { CONFIG } from '@onewindow/platform';
import { Observable, type Subscriber } from 'rxjs';
import type { DepartmentalApprovalConfig } from '../config/departmental-approval.config';
import type { QueueEvent } from './domain/task-snapshot';
import { TaskRuleError } from './domain/task-rule-error';
import { QueueEventLog } from './infrastructure/queue-event-log';
import { QueueNotifier } from './infrastructure/queue-notifier';

export interface WatchQueueCommand {
  departmentCode: string;
  /** Resume after this cursor; null for "from now on". */
  afterCursor: string | null;
  /** Called once the stream is live: from then on, every committed event reaches it. */
  onLive?: () => void;
}

/** The stream ends because this instance is going away; the client reconnects with its last cursor. */
export class StreamInterruptedError extends Error {
  constructor() {
    super('the server is shutting down; reconnect with the cursor of the last event you processed');
    this.name = 'StreamInterruptedError';
  }
}

const BATCH = 200;

/**
 * A department's queue events: first those after the given cursor, then each new one as it is
 * committed. Reads always come from the queue log, in cursor order, from the last cursor sent, so
 * a stream neither loses nor repeats an event whatever the signals do.
 */
@Injectable()
export class WatchQueueUseCase implements BeforeApplicationShutdown {
  private readonly streams = new Set<Subscriber<QueueEvent>>();

  constructor(
    private readonly log: QueueEventLog,
    private readonly notifier: QueueNotifier,
    @Inject(CONFIG) private readonly config: DepartmentalApprovalConfig,
  ) {}

  execute(cmd: WatchQueueCommand): Observable<QueueEvent> {
    return new Observable<QueueEvent>((subscriber) => {
      let closed = false;
      let last = '0';
      let started = false;
      let pumping = false;
      let again = false;
      let stopListening: (() => void) | undefined;
      let poll: NodeJS.Timeout | undefined;

      // One read loop at a time; a signal during a read asks for one more round.
      const pump = async (): Promise<void> => {
        // Signals before the start position is known are covered by the first read.
        if (!started) return;
        if (pumping) {
          again = true;
          return;
        }
        pumping = true;
        try {
          do {
            again = false;
            for (;;) {
              const batch = await this.log.after(cmd.departmentCode, last, BATCH);
              if (closed) return;
              for (const e of batch) {
                last = e.cursor;
                subscriber.next(e);
              }
              if (batch.length < BATCH) break;
            }
          } while (again && !closed);
        } finally {
          pumping = false;
        }
      };
      const fail = (err: unknown) => {
        if (!closed) subscriber.error(err);
      };

      const start = async () => {
        if (cmd.afterCursor !== null && !(await this.log.exists(cmd.afterCursor))) {
          // Not from this log (restored or replaced database): resuming would silently skip events.
          throw new TaskRuleError(
            'out-of-range',
            'CURSOR_EXPIRED',
            'after_cursor is not in the queue log any more; rebuild your copy with ListTasks and watch from now on',
            'after_cursor',
          );
        }
        // Listen first, then read: whatever commits after the read is signalled.
        const stop = await this.notifier.listen(cmd.departmentCode, () => void pump().catch(fail));
        if (closed) {
          stop();
          return;
        }
        stopListening = stop;
        last = cmd.afterCursor ?? (await this.log.head(cmd.departmentCode));
        if (closed) return;
        poll = setInterval(() => void pump().catch(fail), this.config.WATCH_POLL_INTERVAL_MS);
        poll.unref();
        started = true;
        cmd.onLive?.();
        await pump();
      };

      this.streams.add(subscriber);
      start().catch(fail);
      return () => {
        closed = true;
        this.streams.delete(subscriber);
        stopListening?.();
        if (poll) clearInterval(poll);
      };
    });
  }

  /**
   * Ends every open stream with UNAVAILABLE before the gRPC server stops, so clients reconnect
   * (elsewhere) with their cursor; a moment's grace lets the statuses reach them first.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const open = [...this.streams];
    for (const s of open) s.error(new StreamInterruptedError());
    if (open.length) await new Promise((r) => setTimeout(r, 250));
  }
}
