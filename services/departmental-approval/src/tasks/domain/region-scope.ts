import { TaskRuleError } from './task-rule-error';

/**
 * The code prefix a region filter covers: a province (xx0000) covers its cities and counties, a
 * city (xxxx00) its counties, a county only itself. Returns null for "every region".
 */
export function regionScope(regionCode: string): string | null {
  if (regionCode === '') return null;
  if (!/^[0-9]{6}$/.test(regionCode) || regionCode.startsWith('00')) {
    throw TaskRuleError.invalid(
      'region_code',
      'region_code must be a 6-digit administrative division code (行政区划代码)',
    );
  }
  if (regionCode.endsWith('0000')) return regionCode.slice(0, 2);
  if (regionCode.endsWith('00')) return regionCode.slice(0, 4);
  return regionCode;
}
