import { canReachDepartmentObject, confinedDepartment } from './policy';
import type { Principal } from './principal';

const officer = (department: string, ...more: Principal['roles']): Principal => ({ subject: 'o', roles: ['officer', ...more], department, scopes: [] });

describe('department-owned objects', () => {
  it("confine an officer to their own department's", () => {
    expect(confinedDepartment(officer('WH-SCJGJ'))).toBe('WH-SCJGJ');
    expect(canReachDepartmentObject(officer('WH-SCJGJ'), { departmentCode: 'WH-SCJGJ' })).toBe(true);
    expect(canReachDepartmentObject(officer('WH-SCJGJ'), { departmentCode: 'WH-ZJJ' })).toBe(false);
  });

  it('leave operators, integrators and the system unconfined (the route rule decides whether they may call)', () => {
    expect(confinedDepartment({ subject: 'op', roles: ['operator'], scopes: [] })).toBeNull();
    expect(confinedDepartment({ subject: 'i', roles: ['integrator'], scopes: ['rectifications:read'] })).toBeNull();
    expect(confinedDepartment(officer('WH-SCJGJ', 'operator'))).toBeNull();
    expect(confinedDepartment(undefined)).toBeNull();
    expect(canReachDepartmentObject({ subject: 'op', roles: ['operator'], scopes: [] }, { departmentCode: 'WH-ZJJ' })).toBe(true);
  });
});
