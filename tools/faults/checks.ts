import { Client } from 'pg';
import { sleep } from '../bench/stats';

/** Producers whose events must exist once per case and type (notification's own events are per delivery). */
const OUTBOX_SCHEMAS = ['intake', 'routing', 'departmental_approval', 'document_issuance'];

export interface CaseCheck {
  /** Confirmed cases that did not reach their scripted end state in time (or do not exist at all). */
  lost: string[];
  /** Cases with an effect that happened more than once, and what it was. */
  duplicated: Map<string, string[]>;
}

/**
 * What the suite checks against PostgreSQL after each scenario. The script of every case: accepted
 * at the window, routed to one department, approved, a licence issued, the applicant e-mailed.
 */
export class Checker {
  constructor(private readonly databaseUrl: string) {}

  private async query<R extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    const c = new Client({ connectionString: this.databaseUrl, connectionTimeoutMillis: 5000 });
    await c.connect();
    try {
      return (await c.query<R>(sql, params)).rows;
    } finally {
      await c.end().catch(() => undefined);
    }
  }

  /** Cases of `ids` at their end state: the licence issued (intake's view) and the applicant told of it. */
  async completed(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.query<{ id: string }>(
      `SELECT c.id FROM intake.intake_case c
       WHERE c.id = ANY($1) AND c.status IN ('ISSUED', 'DELIVERED')
         AND EXISTS (SELECT 1 FROM document_issuance.document d WHERE d.case_id = c.id)
         AND EXISTS (SELECT 1 FROM notification.delivery n
                     WHERE n.case_id = c.id AND n.trigger_event_type = 'document.issued' AND n.status = 'DELIVERED')`,
      [ids],
    );
    return new Set(rows.map((r) => r.id.trim()));
  }

  /** Polls until every case is complete or the deadline passes; the instant they all were, if they were. */
  async waitCompleted(ids: string[], deadline: number): Promise<{ doneAt?: number; missing: string[] }> {
    let done = new Set<string>();
    for (let i = 0; i < 10_000 && Date.now() < deadline; i++) {
      try {
        done = await this.completed(ids);
      } catch {
        // PostgreSQL itself may just be coming back
      }
      if (done.size === ids.length) return { doneAt: Date.now(), missing: [] };
      await sleep(500);
    }
    return { missing: ids.filter((id) => !done.has(id)) };
  }

  /** Every effect that must happen once per case, counted. */
  async duplicates(ids: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    const add = (id: string, what: string) => out.set(id.trim(), [...(out.get(id.trim()) ?? []), what]);
    if (ids.length === 0) return out;
    for (const r of await this.query<{ case_id: string; department_code: string; n: number }>(
      `SELECT case_id, department_code, count(*)::int AS n FROM departmental_approval.approval_task
       WHERE case_id = ANY($1) GROUP BY 1, 2 HAVING count(*) > 1`,
      [ids],
    )) {
      add(r.case_id, `${r.n} tasks for ${r.department_code}`);
    }
    for (const r of await this.query<{ case_id: string; n: number }>(
      `SELECT case_id, count(*)::int AS n FROM document_issuance.document WHERE case_id = ANY($1) GROUP BY 1 HAVING count(*) > 1`,
      [ids],
    )) {
      add(r.case_id, `${r.n} documents`);
    }
    for (const r of await this.query<{
      case_id: string;
      trigger_event_type: string;
      channel: string;
      n: number;
    }>(
      `SELECT case_id, trigger_event_type, channel, count(*)::int AS n FROM notification.delivery
       WHERE case_id = ANY($1) GROUP BY 1, 2, 3 HAVING count(*) > 1`,
      [ids],
    )) {
      add(r.case_id, `${r.n} ${r.channel} messages for ${r.trigger_event_type}`);
    }
    for (const schema of OUTBOX_SCHEMAS) {
      for (const r of await this.query<{ message_key: string; event_type: string; n: number }>(
        `SELECT message_key, event_type, count(*)::int AS n FROM "${schema}".outbox
         WHERE message_key = ANY($1) GROUP BY 1, 2 HAVING count(*) > 1`,
        [ids],
      )) {
        add(r.message_key, `${r.n} × ${r.event_type} from ${schema}`);
      }
    }
    return out;
  }

  /** Every case intake holds: more than the clerks were confirmed means a request made two cases. */
  async caseCount(): Promise<number> {
    const [r] = await this.query<{ n: number }>('SELECT count(*)::int AS n FROM intake.intake_case');
    return r.n;
  }

  /** E-mails the notification service recorded as delivered (the SMTP sink's count is compared with it). */
  async deliveredEmails(): Promise<number> {
    const [r] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification.delivery WHERE channel = 'EMAIL' AND status = 'DELIVERED'`,
    );
    return r.n;
  }
}
