/**
 * 办件编号: region, date and a daily sequence, e.g. 420102-20261127-000042. Readable over the phone,
 * sortable, unique (the sequence is per region and day), never reused.
 */
export function formatCaseNo(regionCode: string, chinaDate: string, sequence: number): string {
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError(`bad region code ${regionCode}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) throw new RangeError(`bad daily sequence ${sequence}`);
  return `${regionCode}-${chinaDate.replace(/-/g, '')}-${String(sequence).padStart(6, '0')}`;
}
