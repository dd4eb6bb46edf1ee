import { Client, credentials, Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { type AnyDefinition, loadSync, type MethodDefinition, type Options, type PackageDefinition } from '@grpc/proto-loader';
import fc from 'fast-check';

// The gRPC sibling of openapi-fuzz.ts: hostile requests derived from the .proto contract itself.
// Wrong types cannot be sent in protobuf, so the values stretch what a type allows instead.

interface FieldDescriptor {
  name: string;
  label?: string;
  type?: string;
  typeName?: string;
}

interface MessageDescriptor {
  field: FieldDescriptor[];
}

interface EnumDescriptor {
  value: Array<{ number: number }>;
}

const isMessage = (d: AnyDefinition | undefined): d is AnyDefinition & { type: MessageDescriptor } =>
  d?.format === 'Protocol Buffer 3 DescriptorProto';
const isEnum = (d: AnyDefinition | undefined): d is AnyDefinition & { type: EnumDescriptor } =>
  d?.format === 'Protocol Buffer 3 EnumDescriptorProto';

const HUGE = 'x'.repeat(200_000);

/** Strings that break naive parsers, databases and loggers, as protobuf (UTF-8) can carry them. */
export const nastyProtoString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '\uFEFF',
    '办件\u202Etxt',
    '../../etc/passwd',
    "' OR 1=1 --",
    '%s%n%x',
    '99999999999999999999999',
    '01ARZ3NDEKTSV4RRFFQ69G5FA\u0000',
    '__proto__',
    'constructor',
    HUGE.slice(0, 65),
    HUGE.slice(0, 5_000),
    HUGE,
  ),
);

const INT32 = fc.oneof(fc.integer(), fc.constantFrom(0, -1, 1, 2 ** 31 - 1, -(2 ** 31)));
const UINT32 = fc.oneof(fc.nat(), fc.constantFrom(0, 2 ** 32 - 1));
const INT64 = fc.oneof(fc.integer(), fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 40, -(2 ** 40)));

export interface GrpcFuzzInput {
  method: string;
  /** The request as it goes on the wire (length-prefixing is grpc-js's). */
  bytes: Buffer;
  /** undefined: the caller's valid metadata; otherwise the metadata that replaces it. */
  metadata?: Array<[string, string | Buffer]>;
  /** What the input stretches, for the failure message. */
  why: string;
}

/** Metadata that must not authenticate: missing, garbled, duplicated, oversized. */
const hostileMetadata: fc.Arbitrary<{ metadata: Array<[string, string | Buffer]>; why: string }> = fc.constantFrom(
  { metadata: [], why: 'no metadata' },
  { metadata: [['authorization', 'Bearer']], why: 'Bearer without token' },
  { metadata: [['authorization', 'Bearer a.b.c']], why: 'garbled JWT' },
  { metadata: [['authorization', 'Basic Zm9vOmJhcg==']], why: 'Basic auth' },
  { metadata: [['authorization', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.']], why: 'alg none' },
  { metadata: [['authorization', `Bearer ${HUGE.slice(0, 7_000)}`]], why: 'oversized token' },
  // grpc-js refuses to send two authorization entries; a proxy would merge them into one like this.
  { metadata: [['authorization', 'Bearer a.b.c, Bearer d.e.f']], why: 'two merged authorization values' },
  { metadata: [['authorization-bin', Buffer.from([0, 1, 2, 255])]], why: 'binary authorization' },
  { metadata: [['x-correlation-id', HUGE.slice(0, 5_000)]], why: 'oversized correlation id (no token)' },
);

export class ProtoFuzzer {
  private readonly definition: PackageDefinition;

  constructor(
    protoPath: string,
    loader: Options,
    private readonly serviceFqn: string,
    /** Well-formed values per field name (camelCase), so some inputs pass the first checks and reach the next. */
    private readonly plausibleFields: Record<string, fc.Arbitrary<unknown>> = {},
  ) {
    this.definition = loadSync(protoPath, loader);
  }

  private service(): Record<string, MethodDefinition<object, object>> {
    const s = this.definition[this.serviceFqn];
    if (!s || 'format' in s) throw new Error(`${this.serviceFqn} is not a service of the proto`);
    return s as Record<string, MethodDefinition<object, object>>;
  }

  /** Method names of the service, as the proto spells them. */
  methods(): string[] {
    return Object.values(this.service()).map((m) => m.path.slice(m.path.lastIndexOf('/') + 1));
  }

  method(name: string): MethodDefinition<object, object> {
    const m = Object.values(this.service()).find((d) => d.path.endsWith(`/${name}`));
    if (!m) throw new Error(`no method ${name} in ${this.serviceFqn}`);
    return m;
  }

  /** `runs` hostile requests for one method, reproducible from `seed`. */
  inputs(name: string, { seed, runs }: { seed: number; runs: number }): GrpcFuzzInput[] {
    const m = this.method(name);
    const message = this.message(m.requestType, 0).map((obj) => ({ bytes: m.requestSerialize(obj), why: `message ${summarise(obj)}` }));
    const body = fc.oneof(
      { weight: 12, arbitrary: message },
      { weight: 2, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => ({ bytes: Buffer.from(b), why: `${b.length} random bytes` })) },
      {
        weight: 2,
        arbitrary: fc.tuple(message, fc.nat()).map(([v, n]) => ({ bytes: v.bytes.subarray(0, n % Math.max(1, v.bytes.length)), why: `truncated ${v.why}` })),
      },
      { weight: 1, arbitrary: fc.constantFrom({ bytes: Buffer.from([0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), why: 'an 11-byte varint' }) },
    );
    const metadata = fc.oneof(
      { weight: 9, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: hostileMetadata },
    );
    return fc
      .sample(fc.record({ body, metadata }), { seed, numRuns: runs })
      .map(({ body: b, metadata: md }) => ({ method: name, bytes: b.bytes, ...(md ? { metadata: md.metadata } : {}), why: md ? `${b.why}; ${md.why}` : b.why }));
  }

  private message(d: AnyDefinition | undefined, depth: number): fc.Arbitrary<Record<string, unknown>> {
    if (!isMessage(d)) throw new Error('not a message type');
    const fields = d.type.field.map((f) => [f.name, this.field(f, depth)] as const);
    return fc.record(Object.fromEntries(fields), { requiredKeys: [] });
  }

  /** A type by the name a field gives: absolute, or relative to the service's package and its parents (as protoc resolves it). */
  private lookup(typeName: string | undefined): AnyDefinition | undefined {
    const name = (typeName ?? '').replace(/^\./, '');
    const scope = this.serviceFqn.split('.').slice(0, -1);
    for (let i = scope.length; i >= 0; i -= 1) {
      const found = this.definition[[...scope.slice(0, i), name].join('.')];
      if (found) return found;
    }
    return undefined;
  }

  private field(f: FieldDescriptor, depth: number): fc.Arbitrary<unknown> {
    const key = f.name;
    const plausible = this.plausibleFields[key];
    // A well-formed value with a NUL added gets past format checks that a random string fails, on to the database.
    const withNul = plausible?.map((v) => (typeof v === 'string' && v !== '' ? `${v.slice(0, 1)}\u0000${v.slice(1)}` : v));
    const one =
      plausible && withNul
        ? fc.oneof({ weight: 4, arbitrary: plausible }, { weight: 1, arbitrary: withNul }, { weight: 2, arbitrary: this.scalar(f, depth) })
        : this.scalar(f, depth);
    // An unset message field is the usual case: no lease_duration, no nested value at all.
    if (f.label !== 'LABEL_REPEATED') return f.type === 'TYPE_MESSAGE' ? fc.option(one, { nil: undefined }) : one;
    return fc.oneof(
      { weight: 4, arbitrary: fc.array(one, { maxLength: 4 }) },
      { weight: 1, arbitrary: fc.array(one, { minLength: 101, maxLength: 120 }) },
      // 20 000 small items: a long list, not a large message (that is RESOURCE_EXHAUSTED before any code runs).
      { weight: 1, arbitrary: this.small(f).map((v) => new Array<unknown>(20_000).fill(v)) },
    );
  }

  private small(f: FieldDescriptor): fc.Arbitrary<unknown> {
    if (f.type === 'TYPE_STRING') return fc.constantFrom('', 'M1', '\u0000');
    if (f.type === 'TYPE_MESSAGE') return fc.constant({});
    return this.scalar(f, 4);
  }

  private scalar(f: FieldDescriptor, depth: number): fc.Arbitrary<unknown> {
    switch (f.type ?? '') {
      case 'TYPE_STRING':
        return nastyProtoString;
      case 'TYPE_BYTES':
        return fc.uint8Array({ maxLength: 64 });
      case 'TYPE_BOOL':
        return fc.boolean();
      case 'TYPE_INT32':
      case 'TYPE_SINT32':
      case 'TYPE_SFIXED32':
        return INT32;
      case 'TYPE_UINT32':
      case 'TYPE_FIXED32':
        return UINT32;
      case 'TYPE_INT64':
      case 'TYPE_SINT64':
      case 'TYPE_SFIXED64':
        return INT64;
      case 'TYPE_UINT64':
      case 'TYPE_FIXED64':
        return INT64.map(Math.abs);
      case 'TYPE_DOUBLE':
      case 'TYPE_FLOAT':
        return fc.double();
      case 'TYPE_ENUM': {
        const e = this.lookup(f.typeName);
        const known = isEnum(e) ? e.type.value.map((v) => v.number) : [0];
        // Known values, and numbers no version of the enum has (proto3 keeps them on decode).
        return fc.oneof(fc.constantFrom(...known), fc.integer({ min: -3, max: 1_000 }), fc.constantFrom(2 ** 31 - 1, -(2 ** 31)));
      }
      case 'TYPE_MESSAGE':
        return depth > 3 ? fc.constant({}) : this.message(this.lookup(f.typeName), depth + 1);
      default:
        return fc.constant(undefined);
    }
  }
}

/** A short description of a generated request, for the failure message. */
function summarise(obj: Record<string, unknown>): string {
  return JSON.stringify(obj, (_k, v: unknown) => {
    if (typeof v === 'string' && v.length > 24) return `<${v.length} chars ${JSON.stringify(v.slice(0, 12))}…>`;
    if (Array.isArray(v) && v.length > 4) return `<${v.length} items>`;
    return v;
  }).slice(0, 200);
}

export interface GrpcFuzzReport {
  tried: number;
  methods: number;
  ms: number;
  /** How often each status code answered, by name. */
  codes: Record<string, number>;
  /** One line per input that broke a rule: a forbidden status, a hung call, or state changed by a rejected call. */
  failures: string[];
}

/** Statuses a correct server may answer hostile input with. INTERNAL, UNKNOWN, UNAVAILABLE... say it broke. */
export const ACCEPTABLE_GRPC_REJECTIONS: readonly status[] = [
  status.INVALID_ARGUMENT,
  status.NOT_FOUND,
  status.ALREADY_EXISTS,
  status.PERMISSION_DENIED,
  status.UNAUTHENTICATED,
  status.FAILED_PRECONDITION,
  status.OUT_OF_RANGE,
  status.RESOURCE_EXHAUSTED,
  status.ABORTED,
];

const identity = (b: Buffer): Buffer => b;

/**
 * Sends `runs` hostile requests per method of `serviceFqn` to `address` (raw bytes, so the
 * client's own encoder never tidies them) and judges each answer: OK or an acceptable rejection,
 * never INTERNAL/UNKNOWN/UNAVAILABLE or a hang; and `stateOf()` unchanged by every rejected call.
 * A server stream counts as OK once the server sends its response headers (it is live).
 */
export async function fuzzGrpcService(o: {
  address: string;
  protoPath: string;
  loader: Options;
  serviceFqn: string;
  seed: number;
  runs: number;
  /** Valid metadata (a bearer token), so most input reaches the request checks. */
  metadata: () => Metadata;
  plausibleFields?: Record<string, fc.Arbitrary<unknown>>;
  /** A digest of the state rejected input must not change (rows of the service's write side). */
  stateOf?: () => Promise<string>;
  deadlineMs?: number;
}): Promise<GrpcFuzzReport> {
  const fuzzer = new ProtoFuzzer(o.protoPath, o.loader, o.serviceFqn, o.plausibleFields);
  const client = new Client(o.address, credentials.createInsecure(), { 'grpc.max_send_message_length': -1 });
  const failures: string[] = [];
  const codes: Record<string, number> = {};
  const started = Date.now();
  let tried = 0;
  // The state after one call is the state before the next: one digest per call.
  let state = await o.stateOf?.();
  try {
    for (const name of fuzzer.methods()) {
      const def = fuzzer.method(name);
      for (const input of fuzzer.inputs(name, { seed: o.seed, runs: o.runs })) {
        tried += 1;
        const metadata = input.metadata ? metadataOf(input.metadata) : o.metadata();
        const { code, details } = await send(client, def, input.bytes, metadata, o.deadlineMs ?? 10_000);
        codes[status[code]] = (codes[status[code]] ?? 0) + 1;
        const where = `${name} (${input.why}) -> ${status[code]} ${details.slice(0, 80)}`;
        const before = state;
        state = await o.stateOf?.();
        if (code !== status.OK && !ACCEPTABLE_GRPC_REJECTIONS.includes(code)) failures.push(where);
        else if (code !== status.OK && state !== before) failures.push(`${where}: rejected, but the state changed`);
      }
    }
  } finally {
    client.close();
  }
  return { tried, methods: fuzzer.methods().length, ms: Date.now() - started, codes, failures: [...new Set(failures)] };
}

function metadataOf(entries: Array<[string, string | Buffer]>): Metadata {
  const m = new Metadata();
  for (const [k, v] of entries) m.add(k, v);
  return m;
}

/** The status one call ends with; a live server stream is cancelled and counts as OK. */
function send(client: Client, def: MethodDefinition<object, object>, bytes: Buffer, metadata: Metadata, deadlineMs: number): Promise<{ code: status; details: string }> {
  const options = { deadline: new Date(Date.now() + deadlineMs) };
  const ok = { code: status.OK, details: '' };
  return new Promise((resolve) => {
    if (!def.responseStream) {
      client.makeUnaryRequest(def.path, identity, identity, bytes, metadata, options, (e: ServiceError | null) => resolve(e ? e : ok));
      return;
    }
    const stream = client.makeServerStreamRequest(def.path, identity, identity, bytes, metadata, options);
    let live = false;
    stream.on('metadata', () => {
      live = true;
      stream.cancel();
    });
    stream.on('data', () => undefined);
    stream.on('error', (e: ServiceError) => resolve(live && e.code === status.CANCELLED ? ok : e));
    stream.on('end', () => resolve(ok));
  });
}
