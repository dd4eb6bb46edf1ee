import { chooseMatterVersion } from './matter-version';

describe('chooseMatterVersion', () => {
  it('routes with the version the case was accepted under when routing knows it', () => {
    expect(chooseMatterVersion(2, [1, 2, 3])).toEqual({ kind: 'exact', version: 2 });
  });

  it('waits for a version that is newer than anything known: its catalogue event may still come', () => {
    expect(chooseMatterVersion(4, [1, 2, 3])).toEqual({ kind: 'unknown' });
    expect(chooseMatterVersion(1, [])).toEqual({ kind: 'unknown' });
  });

  it('uses the nearest newer version when the requested one was compacted away', () => {
    expect(chooseMatterVersion(2, [5, 3, 7])).toEqual({ kind: 'superseded', version: 3 });
  });
});
