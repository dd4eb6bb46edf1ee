/** What routing needs to know of one published version of a matter (事项). */
export interface MatterVersion {
  code: string;
  version: number;
  name: string;
  departmentCode: string;
  /** Departments that must approve beyond the lead department. */
  coDepartmentCodes: string[];
  legalLimitDays: number;
  promisedLimitDays: number;
  status: 'ACTIVE' | 'RETIRED';
}

export type VersionChoice =
  | { kind: 'exact'; version: number }
  /** The requested version will never arrive (see below): route with the next newer one. */
  | { kind: 'superseded'; version: number }
  /** Not known yet: its catalogue event may still be on its way. */
  | { kind: 'unknown' };

/**
 * Which known version to route a case accepted under `requested` with.
 *
 * The catalogue topic is compacted by matter code, so a routing instance that reads it from the
 * start may only ever see a matter's latest versions. All versions of one code share a partition and
 * arrive in order: once a newer version is known, an older missing one is gone for good, and
 * waiting for it would hold the case forever. The nearest newer version is the best stand-in.
 */
export function chooseMatterVersion(requested: number, known: readonly number[]): VersionChoice {
  if (known.includes(requested)) return { kind: 'exact', version: requested };
  const newer = known.filter((v) => v > requested).sort((a, b) => a - b);
  return newer.length > 0 ? { kind: 'superseded', version: newer[0] } : { kind: 'unknown' };
}
