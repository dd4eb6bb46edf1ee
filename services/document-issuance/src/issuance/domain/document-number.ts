/**
 * 文书编号: `<department code>-<year>-<6-digit sequence>`, e.g. `HB-SCJGJ-2026-000042`. The sequence
 * restarts every year per department, as paper registers do; past 999999 it simply grows a digit.
 */
export function formatDocumentNo(departmentCode: string, year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1)
    throw new RangeError(`document sequence must be a positive integer, got ${sequence}`);
  const dept = departmentCode
    .trim()
    .toUpperCase()
    .replace(/[^0-9A-Z-]+/g, '-');
  return `${dept}-${year}-${String(sequence).padStart(6, '0')}`;
}
