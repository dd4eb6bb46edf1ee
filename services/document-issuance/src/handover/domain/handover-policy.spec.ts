import type { Holder } from '../../documents/domain/result-document';
import { checkHandover } from './handover-policy';

describe('handover at the window', () => {
  const holder: Holder = { kind: 'NATURAL_PERSON', name: '张三', idNumber: '11010519491231002X' };
  const ready = { status: 'READY_FOR_PICKUP' as const, holder };

  it('hands the result to the holder who shows their own ID, whatever the case of the check character', () => {
    expect(checkHandover(ready, { name: '张三', idNumber: '11010519491231002x', role: 'HOLDER' })).toEqual({
      allowed: true,
    });
  });

  it('refuses someone claiming to be the holder with another ID number', () => {
    expect(checkHandover(ready, { name: '李四', idNumber: '110105194912310037', role: 'HOLDER' })).toEqual({
      allowed: false,
      reason: 'collector-identity-mismatch',
    });
  });

  it('lets an agent collect only with an authorisation reference', () => {
    const agent = { name: '李四', idNumber: '110105194912310037', role: 'AGENT' as const };
    expect(checkHandover(ready, agent)).toEqual({ allowed: false, reason: 'agent-authorisation-required' });
    expect(checkHandover(ready, { ...agent, authorisationRef: '  ' })).toEqual({
      allowed: false,
      reason: 'agent-authorisation-required',
    });
    expect(checkHandover(ready, { ...agent, authorisationRef: 'WT-2026-0042' })).toEqual({ allowed: true });
  });

  it('never hands the same result out twice, nor a revoked one', () => {
    const collector = { name: '张三', idNumber: holder.idNumber, role: 'HOLDER' as const };
    expect(checkHandover({ ...ready, status: 'HANDED_OVER' }, collector)).toEqual({
      allowed: false,
      reason: 'already-handed-over',
    });
    expect(checkHandover({ ...ready, status: 'REVOKED' }, collector)).toEqual({
      allowed: false,
      reason: 'document-revoked',
    });
  });
});
