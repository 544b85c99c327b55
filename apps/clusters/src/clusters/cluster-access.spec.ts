import { Principal } from '@grappes/contracts';
import { ClusterAccess, assertCoordinates, assertTakesPart, isCoordinatorAdmin } from './cluster-access';

const person = (companyId: string | undefined, role: Principal['roles'][number]): Principal => ({
  id: `p-${companyId}-${role}`, email: 'someone@example.org', companyId, roles: [role],
});
const accessOf = (principal: Principal): ClusterAccess => ({
  principal, coordinatorCompanyId: 'coord', memberCompanyIds: new Set(['coord', 'member']),
});

describe('who may do what in a cluster', () => {
  it("counts only the coordinating company's company-admins as the coordinator, not its plain members", () => {
    expect(isCoordinatorAdmin(accessOf(person('coord', 'company-admin')))).toBe(true);
    expect(isCoordinatorAdmin(accessOf(person('coord', 'member')))).toBe(false);
    expect(isCoordinatorAdmin(accessOf(person('member', 'company-admin')))).toBe(false);
  });

  it('lets federation staff and the coordinator coordinate, and refuses everyone else with AUTH.FORBIDDEN', () => {
    expect(() => assertCoordinates(accessOf(person(undefined, 'federation-admin')))).not.toThrow();
    expect(() => assertCoordinates(accessOf(person('coord', 'company-admin')))).not.toThrow();
    expect(() => assertCoordinates(accessOf(person('coord', 'member')))).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN' }));
    expect(() => assertCoordinates(accessOf(person('member', 'company-admin')))).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN' }));
  });

  it("lets the people of member companies and staff take part, and refuses a company outside the cluster", () => {
    expect(() => assertTakesPart(accessOf(person('member', 'member')))).not.toThrow();
    expect(() => assertTakesPart(accessOf(person(undefined, 'federation-admin')))).not.toThrow();
    expect(() => assertTakesPart(accessOf(person('outsider', 'company-admin')))).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN' }));
  });
});
