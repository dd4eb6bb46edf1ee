import type { Logger } from 'pino';

/**
 * Runs `work` again and again, `intervalMs` after each run ends (never two runs at once in one
 * process), logging failures and carrying on. For sweeps whose state lives in PostgreSQL, so every
 * instance may run them: the work itself must be safe against other instances (SKIP LOCKED,
 * conditional updates). `stop()` waits for the run in progress.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<void>,
    private readonly log: Logger,
  ) {}

  /** True once stop() was called: long runs check it between batches. */
  get stopping(): boolean {
    return this.stopped;
  }

  start(firstDelayMs = 0): void {
    this.stopped = false;
    this.schedule(firstDelayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.work()
        .catch((err: unknown) => this.log.warn({ err, job: this.name }, `${this.name} failed; trying again later`))
        .finally(() => this.schedule(this.intervalMs));
    }, ms);
    this.timer.unref();
  }
}
