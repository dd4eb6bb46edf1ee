import { type BenchMatter, caseRequest } from './cases';

/** Posts applications to intake and remembers when each accepted case was submitted. */
export class Submitter {
  /** case id → epoch ms when its POST was sent. */
  readonly submitted = new Map<string, number>();
  errors = 0;
  inFlight = 0;
  errorSamples: string[] = [];
  private n = 0;

  constructor(
    private readonly intakeUrl: string,
    private readonly matters: BenchMatter[],
    private readonly label: string,
    private readonly token: string,
  ) {}

  async submitOne(): Promise<void> {
    const i = this.n++;
    const t0 = Date.now();
    this.inFlight++;
    try {
      const r = await fetch(`${this.intakeUrl}/api/v1/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `${this.label}-${i}`, authorization: `Bearer ${this.token}` },
        body: caseRequest(this.matters, i).body,
      });
      const body = (await r.json()) as { id?: string; status?: string };
      if (r.status !== 201 || body.status !== 'ACCEPTED' || !body.id) throw new Error(`HTTP ${r.status}: ${JSON.stringify(body).slice(0, 300)}`);
      this.submitted.set(body.id, t0);
    } catch (e) {
      this.errors++;
      if (this.errorSamples.length < 5) this.errorSamples.push(String((e as Error).message ?? e));
    } finally {
      this.inFlight--;
    }
  }
}
