import type { DataSource } from 'typeorm';
import { notificationSchema } from './notification-schema';
import { type ClaimCandidate, pickClaims } from '../src/deliveries/domain/delivery';
import { DeliveryRepository } from '../src/deliveries/infrastructure/delivery.repository';

jest.setTimeout(60_000);

/**
 * The claim is one statement that picks in SQL what `pickClaims` picks in TypeScript; these run
 * the unit tests' cases against PostgreSQL and expect the same deliveries.
 */
describe('claiming due deliveries in PostgreSQL', () => {
  // Oldest due first, as the unit tests list them.
  const due: ClaimCandidate[] = [
    { id: 'h1', recipient: 'http://hanging/' },
    { id: 'h2', recipient: 'http://hanging/' },
    { id: 'h3', recipient: 'http://hanging/' },
    { id: 'm1', recipient: 'a@example.org' },
    { id: 'm2', recipient: 'b@example.org' },
  ];
  let schema: { ds: DataSource; drop(): Promise<void> };
  let ds: DataSource;
  let repo: DeliveryRepository;

  beforeAll(async () => {
    schema = await notificationSchema();
    ds = schema.ds;
    await ds.query(
      `INSERT INTO message (id, trigger_event_id, trigger_event_type, case_id, correlation_id, template_id, subject, body, event)
       VALUES ('msg', 'evt', 'case.accepted', 'case-1', 'corr', 'case.accepted', 'subject', 'body', '{}')`,
    );
    for (const [i, d] of due.entries())
      await ds.query(
        `INSERT INTO delivery (id, message_id, trigger_event_id, trigger_event_type, case_id, channel, recipient,
                               recipient_masked, status, attempts, next_attempt_at)
         VALUES ($1, 'msg', $1, 'case.accepted', 'case-1', 'WEBHOOK', $2, 'masked', 'PENDING', 0,
                 now() - interval '1 hour' + make_interval(secs => $3))`,
        [d.id, d.recipient, i],
      );
    repo = new DeliveryRepository(ds);
  });

  afterAll(async () => {
    await schema?.drop();
  });

  /** Every delivery due again, in its original order, unclaimed. */
  const reset = () =>
    ds.query(
      `UPDATE delivery SET attempts = 0, claim_token = NULL,
              next_attempt_at = now() - interval '1 hour' + make_interval(secs => (SELECT count(*) FROM delivery e WHERE e.id < delivery.id))`,
    );

  it.each([
    ['the oldest first, at most the cap for one recipient', 8, new Map<string, number>()],
    ['counting what is already being sent to a recipient', 8, new Map([['http://hanging/', 2]])],
    ['counting one already being sent', 8, new Map([['http://hanging/', 1]])],
    ['no more than the free slots', 3, new Map<string, number>()],
  ])('takes %s', async (_name, free, inFlight) => {
    await reset();
    const claimed = await repo.claimDue(free, inFlight, 2, 60_000);
    expect(claimed.map((d) => d.id).sort()).toEqual(pickClaims(due, inFlight, free, 2).sort());
    for (const d of claimed) {
      expect(d.attempts).toBe(1);
      expect(d.message).toEqual({ subject: 'subject', text: 'body' });
    }
    const leased: Array<{ id: string; claim_token: string | null }> = await ds.query(
      'SELECT id, claim_token FROM delivery WHERE next_attempt_at > now() ORDER BY id',
    );
    expect(leased.map((r) => r.id)).toEqual(claimed.map((d) => d.id).sort());
    expect(new Set(leased.map((r) => r.claim_token))).toEqual(new Set(claimed.map((d) => d.claimToken)));
  });

  it('does not take a claimed delivery again while its lease runs, and takes the rest', async () => {
    await reset();
    const first = await repo.claimDue(2, new Map(), 2, 60_000);
    expect(first.map((d) => d.id)).toEqual(['h1', 'h2']);
    const second = await repo.claimDue(8, new Map(), 2, 60_000);
    expect(second.map((d) => d.id)).toEqual(['h3', 'm1', 'm2']);
    expect(await repo.claimDue(8, new Map(), 2, 60_000)).toEqual([]);
  });
});
