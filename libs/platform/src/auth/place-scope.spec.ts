import { canReachPlacedObject } from './policy';
import type { Principal } from './principal';

const clerk: Principal = { subject: 'clerk-ja-1', roles: ['clerk'], regionCode: '420102', serviceCentre: 'JA-01', scopes: [] };
const cityClerk: Principal = { ...clerk, regionCode: '420100' };

describe('canReachPlacedObject', () => {
  it("reaches the clerk's own centre within their region, not another centre or county", () => {
    expect(canReachPlacedObject(clerk, { regionCode: '420102', serviceCentre: 'JA-01' })).toBe(true);
    expect(canReachPlacedObject(clerk, { regionCode: '420102', serviceCentre: 'JA-02' })).toBe(false);
    expect(canReachPlacedObject(clerk, { regionCode: '420106', serviceCentre: 'JA-01' })).toBe(false);
    expect(canReachPlacedObject(cityClerk, { regionCode: '420106', serviceCentre: 'JA-01' })).toBe(true);
  });

  it('checks the region alone when the centre is unknown, and refuses clerks when the region is unknown too', () => {
    expect(canReachPlacedObject(clerk, { regionCode: '420102', serviceCentre: null })).toBe(true);
    expect(canReachPlacedObject(clerk, { regionCode: '420106' })).toBe(false);
    expect(canReachPlacedObject(clerk, { regionCode: null, serviceCentre: null })).toBe(false);
  });

  it('binds only clerks', () => {
    const officer: Principal = { subject: 'o', roles: ['officer'], department: 'X', scopes: [] };
    expect(canReachPlacedObject(officer, { regionCode: '420106', serviceCentre: 'WC-01' })).toBe(true);
    expect(canReachPlacedObject(undefined, { regionCode: null })).toBe(true);
  });
});
