export interface Region {
  code: string;
  name: string;
  level: 'PROVINCE' | 'CITY' | 'COUNTY';
  parentCode: string | null;
}

/**
 * The city (地级市/州) a 6-digit region code rolls up to: a county's parent, a city itself, and the
 * province itself for provincial matters (省本级). Without a directory entry the code's own structure
 * decides (first four digits + 00).
 */
export function cityOf(code: string, regions: ReadonlyMap<string, Region>): string {
  const r = regions.get(code);
  if (r?.level === 'COUNTY' && r.parentCode) return r.parentCode;
  if (r) return r.code;
  if (code.endsWith('0000')) return code;
  return `${code.slice(0, 4)}00`;
}

/** The SQL filter a region code stands for: the whole province, one city with its counties, or one county. */
export function regionScope(code: string): { kind: 'province' | 'city' | 'county'; prefix: string } {
  if (code.endsWith('0000')) return { kind: 'province', prefix: code.slice(0, 2) };
  if (code.endsWith('00')) return { kind: 'city', prefix: code };
  return { kind: 'county', prefix: code };
}
