import { type BenchMatter, caseRequest } from '../bench/cases';
import { sleep } from '../bench/stats';

/**
 * Clerks at the window: each application is posted with its own Idempotency-Key and, while the
 * front door does not answer (a fault in progress), posted again with the same key and body, as a
 * clerk's client does — bounded in attempts and time. A case counts as submitted once intake
 * confirmed it with 201.
 */
export class Clerks {
  private n = 0;
  errors = 0;
  errorSamples: string[] = [];

  constructor(
    private readonly intakeUrl: string,
    private readonly matters: BenchMatter[],
    private readonly token: string,
    private readonly label: string,
    private readonly retryForMs = 120_000,
  ) {}

  /** The next application; resolves to the confirmed case id, or undefined when intake never confirmed it. */
  submit(): Promise<string | undefined> {
    return this.post(this.n++);
  }

  /** The same application, same key, from two clients at once (scenario 10): both answers. */
  async submitTwice(): Promise<[string | undefined, string | undefined]> {
    const n = this.n++;
    return Promise.all([this.post(n), this.post(n)]);
  }

  private async post(n: number): Promise<string | undefined> {
    const { body } = caseRequest(this.matters, n);
    const key = `${this.label}-${n}`;
    const end = Date.now() + this.retryForMs;
    let last = '';
    for (let attempt = 0; attempt < 60 && Date.now() < end; attempt++) {
      try {
        const r = await fetch(`${this.intakeUrl}/api/v1/cases`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': key,
            authorization: `Bearer ${this.token}`,
          },
          body,
          signal: AbortSignal.timeout(20_000),
        });
        const answer = (await r.json().catch(() => ({}))) as { id?: string; status?: string };
        if (r.status === 201 && answer.id) return answer.id;
        last = `HTTP ${r.status}: ${JSON.stringify(answer).slice(0, 200)}`;
        // A refusal of the request itself will not change on a retry.
        if (r.status >= 400 && r.status < 500 && r.status !== 408 && r.status !== 409 && r.status !== 429)
          break;
      } catch (e) {
        last = String((e as Error).message ?? e);
      }
      await sleep(Math.min(250 * 2 ** attempt, 3000));
    }
    this.errors++;
    if (this.errorSamples.length < 5) this.errorSamples.push(last);
    return undefined;
  }
}
