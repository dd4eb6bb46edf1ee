import { Client, credentials, Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { mintAccessToken } from '@onewindow/platform';
import { approvalV1GrpcJs as pb } from '@onewindow/proto';
import { Latencies, round, sleep } from './stats';

type QueueClient = InstanceType<typeof pb.DepartmentQueueServiceClient>;

function once<Res>(start: (cb: (e: ServiceError | null, r: Res) => void) => unknown): Promise<Res> {
  return new Promise((done, fail) => start((e, r) => (e ? fail(e) : done(r))));
}

/** Calls a department system makes: UNAVAILABLE ("retry with back-off") is retried, three times at most. */
let retried = 0;
async function call<Res>(start: (cb: (e: ServiceError | null, r: Res) => void) => unknown): Promise<Res> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await once(start);
    } catch (e) {
      if ((e as ServiceError).code !== status.UNAVAILABLE || attempt >= 3) throw e;
      retried++;
      await sleep(100 * 2 ** attempt);
    }
  }
}

/** Another officer got there first: the normal outcome of racing for one queue, not a failure. */
const RACE_CODES = new Set<number>([status.FAILED_PRECONDITION, status.ABORTED, status.ALREADY_EXISTS, status.NOT_FOUND]);

export interface CallStats {
  calls: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export interface FleetReport {
  officers: number;
  seconds: number;
  list: CallStats;
  claim: CallStats;
  decide: CallStats;
  /** Claims lost to another officer of the same department (expected under contention). */
  claimRaces: number;
  /** UNAVAILABLE answers retried with back-off, as the service asks (all processes of this bench). */
  retriedUnavailable: number;
  emptyLists: number;
  /** Queue events the department systems received on their WatchQueue streams (0 when polling only). */
  watchedEvents: number;
  errors: number;
  errorSamples: string[];
}

export interface DepartmentFleetOptions {
  /**
   * Watch each department's queue (one WatchQueue stream per department, as the .proto advises a
   * department system to keep a local view): an officer who found the queue empty lists again when
   * a task is assigned or released, and at the latest after the back-off, instead of polling.
   */
  watch?: boolean;
  /**
   * Also finish tasks left claimed (an answer lost to a crash): the department's system decides
   * them for the officer holding the claim, instead of waiting for the lease to run out.
   */
  resumeClaimed?: boolean;
}

/**
 * A simulated department fleet: several officers per department, each in a loop of ListTasks
 * (pending), ClaimTask on one of them and DecideTask (approved), over one channel per department
 * as a department's own system would hold. Bounded by a deadline and a stop flag.
 */
export class DepartmentFleet {
  private clients = new Map<string, QueueClient>();
  private lat = { list: new Latencies(), claim: new Latencies(), decide: new Latencies() };
  private claimRaces = 0;
  private emptyLists = 0;
  private errors = 0;
  private errorSamples: string[] = [];
  private stopped = false;
  /** A deadline on DecideTask (none when unset); a call that misses it is sent again with the same requestId. */
  decideDeadlineMs?: number;
  /** DecideTask calls sent again after missing their deadline. */
  deadlineRetries = 0;
  private began = 0;
  private ended = 0;
  decided = 0;
  /** Per department: officers waiting for the queue to change. */
  private readonly waiting = new Map<string, Set<() => void>>();
  private readonly streams = new Set<{ cancel(): void }>();
  /** Queue events received on the watch streams (when watching). */
  watchedEvents = 0;

  constructor(
    private readonly grpcPort: number,
    private readonly secret: string,
    private readonly departments: string[],
    /** Spread over the departments in turn. */
    private readonly officerCount: number,
    /** Pause after an empty list, so idle officers do not spin. */
    private readonly idleMs = 50,
    private readonly o: DepartmentFleetOptions = {},
  ) {}

  private client(department: string): QueueClient {
    let c = this.clients.get(department);
    if (!c) this.clients.set(department, (c = new pb.DepartmentQueueServiceClient(`127.0.0.1:${this.grpcPort}`, credentials.createInsecure())));
    return c;
  }

  private async metadata(department: string, officer: string): Promise<Metadata> {
    const token = await mintAccessToken(
      { secret: this.secret, issuer: 'onewindow', audience: 'department-queue' },
      { subject: officer, claims: { dept: department }, ttlSeconds: 3600 },
    );
    const md = new Metadata();
    md.set('authorization', `Bearer ${token}`);
    return md;
  }

  private fail(e: unknown): void {
    this.errors++;
    if (this.errorSamples.length < 5) this.errorSamples.push(String((e as Error).message ?? e));
  }

  /** Runs every officer until `deadline` (epoch ms) or stop(). */
  async run(deadline: number): Promise<void> {
    this.began = Date.now();
    const officers = Array.from({ length: this.officerCount }, (_, i) => {
      const d = this.departments[i % this.departments.length];
      return { d, id: `officer-${d}-${i}` };
    });
    if (this.o.watch) for (const d of new Set(officers.map((o) => o.d))) await this.watch(d);
    await Promise.all(officers.map((o) => this.officer(o.d, o.id, deadline)));
    this.ended = Date.now();
    this.stopWatching();
  }

  stop(): void {
    this.stopped = true;
    this.stopWatching();
  }

  private stopWatching(): void {
    for (const s of this.streams) s.cancel();
    this.streams.clear();
    for (const set of this.waiting.values()) for (const wake of set) wake();
  }

  /** One stream per department; reopened after it ends (what is missed meanwhile, the back-off's listing finds). */
  private async watch(department: string): Promise<void> {
    const md = await this.metadata(department, `queue-watcher-${department}`);
    const open = () => {
      if (this.stopped) return;
      const stream = this.client(department).watchQueue(pb.WatchQueueRequest.fromPartial({}), md);
      this.streams.add(stream);
      let reopened = false;
      const reopen = () => {
        this.streams.delete(stream);
        if (reopened || this.stopped) return;
        reopened = true;
        setTimeout(open, 500);
      };
      stream.on('data', (r: pb.WatchQueueResponse) => {
        this.watchedEvents++;
        const t = r.event?.type;
        if (t === pb.QueueEventType.ASSIGNED || t === pb.QueueEventType.RELEASED) this.wake(department);
      });
      stream.on('error', reopen);
      stream.on('end', reopen);
    };
    open();
  }

  private wake(department: string): void {
    const set = this.waiting.get(department);
    if (!set) return;
    this.waiting.delete(department);
    for (const wake of set) wake();
  }

  /** Waits `ms`, or less when watching and the department's queue gets a task. */
  private async pause(department: string, ms: number): Promise<void> {
    if (!this.o.watch) return sleep(ms);
    await new Promise<void>((done) => {
      let set = this.waiting.get(department);
      if (!set) this.waiting.set(department, (set = new Set()));
      const finish = () => {
        clearTimeout(timer);
        set.delete(finish);
        done();
      };
      const timer = setTimeout(finish, ms);
      set.add(finish);
    });
  }

  /** The longest pause after an empty list: 16 × idleMs polling; 2 s when a watch stream says when to look. */
  private get maxIdleMs(): number {
    return this.o.watch ? Math.max(2000, this.idleMs * 16) : this.idleMs * 16;
  }

  private async officer(department: string, officerId: string, deadline: number): Promise<void> {
    const client = this.client(department);
    const md = await this.metadata(department, officerId);
    // An officer who finds the queue empty looks again a little later each time (up to maxIdleMs),
    // or as soon as the department's watch stream announces a task.
    let idle = this.idleMs;
    while (!this.stopped && Date.now() < deadline) {
      let t0 = performance.now();
      let page: pb.ListTasksResponse;
      try {
        const wanted = this.o.resumeClaimed ? pb.TaskStatus.UNSPECIFIED : pb.TaskStatus.PENDING;
        page = await call<pb.ListTasksResponse>((cb) => client.listTasks(pb.ListTasksRequest.fromPartial({ status: wanted, pageSize: 20 }), md, cb));
        this.lat.list.add(performance.now() - t0);
      } catch (e) {
        this.fail(e);
        await sleep(idle);
        idle = Math.min(idle * 2, this.maxIdleMs);
        continue;
      }
      if (page.tasks.length === 0) {
        this.emptyLists++;
        await this.pause(department, idle);
        idle = Math.min(idle * 2, this.maxIdleMs);
        continue;
      }
      idle = this.idleMs;
      // A random pick spreads the officers of one department over its queue.
      const task = page.tasks[Math.floor(Math.random() * page.tasks.length)];
      let decider = { officerId, md };
      if (task.status === pb.TaskStatus.CLAIMED) {
        if (!task.claimedBy) continue;
        decider = { officerId: task.claimedBy, md: await this.metadata(department, task.claimedBy) };
      } else {
        t0 = performance.now();
        try {
          await call<pb.ClaimTaskResponse>((cb) => client.claimTask(pb.ClaimTaskRequest.fromPartial({ taskId: task.id, officerId }), md, cb));
          this.lat.claim.add(performance.now() - t0);
        } catch (e) {
          if (RACE_CODES.has((e as ServiceError).code)) this.claimRaces++;
          else this.fail(e);
          continue;
        }
      }
      t0 = performance.now();
      try {
        await this.decide(client, task.id, decider.officerId, decider.md);
        this.lat.decide.add(performance.now() - t0);
        this.decided++;
      } catch (e) {
        if (this.o.resumeClaimed && RACE_CODES.has((e as ServiceError).code)) this.claimRaces++;
        else this.fail(e);
      }
    }
  }

  /** DecideTask; with a deadline, a call that misses it is sent again with the same requestId (three times at most). */
  private async decide(client: QueueClient, taskId: string, officerId: string, md: Metadata): Promise<void> {
    const request = pb.DecideTaskRequest.fromPartial({ taskId, requestId: `decide-${taskId}`, officerId, outcome: pb.DecisionOutcome.APPROVED, opinion: '材料齐全，符合条件' });
    for (let attempt = 0; ; attempt++) {
      try {
        const deadline = this.decideDeadlineMs ? { deadline: Date.now() + this.decideDeadlineMs } : {};
        await call<pb.DecideTaskResponse>((cb) => client.decideTask(request, md, deadline, cb));
        return;
      } catch (e) {
        if ((e as ServiceError).code !== status.DEADLINE_EXCEEDED || attempt >= 3) throw e;
        this.deadlineRetries++;
      }
    }
  }

  report(): FleetReport {
    const seconds = Math.max(0.001, ((this.ended || Date.now()) - this.began) / 1000);
    const s = (l: Latencies): CallStats => {
      const x = l.summary();
      return { calls: x.count, perSecond: round(x.count / seconds), p50: x.p50, p99: x.p99 };
    };
    return {
      officers: this.officerCount,
      seconds: round(seconds),
      list: s(this.lat.list),
      claim: s(this.lat.claim),
      decide: s(this.lat.decide),
      claimRaces: this.claimRaces,
      retriedUnavailable: retried,
      emptyLists: this.emptyLists,
      watchedEvents: this.watchedEvents,
      errors: this.errors,
      errorSamples: this.errorSamples,
    };
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
  }
}

/** The server's floor: grpc.health.v1.Health/Check (no auth, no database) at the same concurrency. */
export async function healthCheckRate(grpcPort: number, concurrency: number, seconds: number): Promise<{ perSecond: number; p50: number; p99: number; calls: number; errors: number }> {
  const client = new Client(`127.0.0.1:${grpcPort}`, credentials.createInsecure());
  const lat = new Latencies();
  let errors = 0;
  const began = Date.now();
  const until = began + seconds * 1000;
  // An empty HealthCheckRequest (whole server) is zero bytes on the wire; the answer is only counted.
  const check = () =>
    new Promise<void>((done, fail) =>
      client.makeUnaryRequest('/grpc.health.v1.Health/Check', () => Buffer.alloc(0), (b: Buffer) => b, {}, (e) => (e ? fail(e) : done())),
    );
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const t0 = performance.now();
        try {
          await check();
          lat.add(performance.now() - t0);
        } catch {
          errors++;
          await sleep(10);
        }
      }
    }),
  );
  client.close();
  const s = lat.summary();
  return { perSecond: round(s.count / ((Date.now() - began) / 1000)), p50: s.p50, p99: s.p99, calls: s.count, errors };
}
