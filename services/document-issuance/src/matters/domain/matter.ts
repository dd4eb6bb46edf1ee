export type ResultType = 'LICENCE' | 'APPROVAL' | 'FILING';

/** What issuance needs to know about a matter (事项): the read model built from `catalog.matter-published`. */
export interface Matter {
  code: string;
  version: number;
  name: string;
  departmentCode: string;
  departmentName: string;
  resultType: ResultType;
  /** Months a result stays valid; absent for results without an expiry (长期有效). */
  resultValidityMonths?: number;
}

/** The catalogue topic is compacted and may replay old versions: only a newer (or equal, idempotent) version replaces. */
export function supersedes(
  incoming: Pick<Matter, 'version'>,
  stored: Pick<Matter, 'version'> | undefined,
): boolean {
  return stored === undefined || incoming.version >= stored.version;
}
