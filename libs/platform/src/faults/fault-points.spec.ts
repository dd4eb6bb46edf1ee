import { parseFaultPoints } from './fault-points';

describe('FAULT_POINTS', () => {
  it('reads kill and delay points with the pass they fire on', () => {
    const f = parseFaultPoints('relay.before-publish:kill@3, grpc.decide.after-apply:delay=2500');
    expect(f.get('relay.before-publish')).toMatchObject({ action: 'kill', every: 3 });
    expect(f.get('grpc.decide.after-apply')).toMatchObject({ action: 'delay', ms: 2500, every: 1 });
  });

  it('is empty when unset, so every fault point is inert', () => {
    expect(parseFaultPoints('').size).toBe(0);
  });

  it('refuses what it does not understand rather than running without the fault', () => {
    expect(() => parseFaultPoints('relay.before-publish:explode')).toThrow(/FAULT_POINTS/);
    expect(() => parseFaultPoints('relay.before-publish:delay=abc@2')).toThrow(/FAULT_POINTS/);
  });
});
