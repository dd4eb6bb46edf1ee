import type { Duration } from './generated/nest/google/protobuf/duration';
import type { Timestamp } from './generated/nest/google/protobuf/timestamp';

// Timestamps travel as { seconds, nanos } on both sides (ts-proto useDate=false)
// because proto-loader has no Date mapping; convert at the edge with these.
// An object that is not { seconds, nanos } (a Date, a string) would be sent as
// the epoch without any error, so never hand a Date to a Timestamp field.

const NANOS_PER_MILLI = 1_000_000;

export function timestampFromDate(date: Date): Timestamp {
  const millis = date.getTime();
  if (Number.isNaN(millis)) {
    throw new RangeError('timestampFromDate: invalid Date');
  }
  // Floor, not truncate: nanos must stay in [0, 1e9) before 1970 as well.
  const seconds = Math.floor(millis / 1000);
  return { seconds, nanos: (millis - seconds * 1000) * NANOS_PER_MILLI };
}

export function dateFromTimestamp(timestamp: Timestamp): Date {
  return new Date(timestamp.seconds * 1000 + Math.floor(timestamp.nanos / NANOS_PER_MILLI));
}

export function durationFromMillis(millis: number): Duration {
  if (!Number.isFinite(millis)) {
    throw new RangeError('durationFromMillis: not a finite number');
  }
  // Seconds and nanos carry the same sign, as the Duration spec requires.
  const seconds = Math.trunc(millis / 1000);
  return { seconds, nanos: Math.round((millis - seconds * 1000) * NANOS_PER_MILLI) };
}

export function millisFromDuration(duration: Duration): number {
  return duration.seconds * 1000 + Math.trunc(duration.nanos / NANOS_PER_MILLI);
}
