import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { REPO_ROOT } from './infrastructure';
import { eventually } from './test-environment';

/**
 * A service started as its own process from its compiled output (`npm run build` first), as
 * operators run it. Logs are kept for the failure message.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  readonly output: string[] = [];

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
    readonly httpPort: number,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    const main = resolve(REPO_ROOT, 'dist/services', this.name, 'src/main.js');
    this.child = spawn(process.execPath, ['--enable-source-maps', main], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', ...this.env, HTTP_PORT: String(this.httpPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (b: Buffer) => {
      this.output.push(b.toString());
      if (this.output.length > 400) this.output.shift();
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    let exited: number | null = null;
    this.child.once('exit', (code) => (exited = code ?? -1));
    await eventually(
      async () => {
        if (exited !== null) throw new Error(`${this.name} exited with ${exited}:\n${this.output.join('').slice(-3000)}`);
        const r = await fetch(`${this.baseUrl}/health/ready`);
        return r.ok ? true : undefined;
      },
      { timeoutMs, what: `${this.name} to be ready`, intervalMs: 300 },
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n--- ${this.name} output ---\n${this.output.join('').slice(-4000)}`);
    });
  }

  /** SIGTERM and wait: the graceful path (drain, commit, leave the group). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 20_000): Promise<void> {
    const child = this.child;
    // A child ended by a signal has no exit code, only a signal code: it is gone all the same.
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await gone;
    clearTimeout(timer);
  }

  logs(): string {
    return this.output.join('');
  }
}
