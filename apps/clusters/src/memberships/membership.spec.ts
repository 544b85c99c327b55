// The rules of a membership and the events its moves raise, without a server.
import { CLUSTERS_EVENTS, ERRORS, MembershipState, Principal } from '@grappes/contracts';
import { admit, assertMayDecide, assertMayJoin, assertMayTakeOut, hasPendingRequest, leave, newestName, reject, requestToJoin } from './membership';

const CLUSTER = { _id: 'cl-1', name: 'Grappe Boîtiers', theme: 'cases' as const, coordinatorCompanyId: 'co-coord' };
const COMPANY = { _id: 'co-1', name: 'Boîtiers du Doubs' };
const STAFF: Principal = { id: 'p-staff', email: 'staff@grappes.test', roles: ['federation-admin'] };
const COORDINATOR: Principal = { id: 'p-coord', email: 'c@coord.test', roles: ['company-admin'], companyId: 'co-coord' };
const OWN_ADMIN: Principal = { id: 'p-own', email: 'a@doubs.test', roles: ['company-admin'], companyId: 'co-1' };
const OTHER_ADMIN: Principal = { id: 'p-other', email: 'a@other.test', roles: ['company-admin'], companyId: 'co-2' };

const codeOf = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('moving a membership', () => {
  it.each<[MembershipState | undefined, string | undefined]>([
    [undefined, undefined],
    ['left', undefined],
    ['rejected', undefined],
    ['pending', ERRORS.CLUSTER_ALREADY_MEMBER.code],
    ['joined', ERRORS.CLUSTER_ALREADY_MEMBER.code],
  ])('asking to join from %s answers %s', (state, code) => {
    expect(codeOf(() => requestToJoin(CLUSTER, COMPANY).precondition(COMPANY, state))).toBe(code);
  });

  it('admits a company that asked, or never did, but not a member', () => {
    const move = admit(CLUSTER, COMPANY, 'member');
    expect(codeOf(() => move.precondition(COMPANY, 'pending'))).toBeUndefined();
    expect(codeOf(() => move.precondition(COMPANY, undefined))).toBeUndefined();
    expect(codeOf(() => move.precondition(COMPANY, 'joined'))).toBe(ERRORS.CLUSTER_ALREADY_MEMBER.code);
  });

  it('approves or rejects only a request that is waiting', () => {
    expect(codeOf(() => admit(CLUSTER, COMPANY, 'member', hasPendingRequest).precondition(COMPANY, 'joined'))).toBe(ERRORS.CLUSTER_NO_PENDING_REQUEST.code);
    expect(codeOf(() => reject(CLUSTER, COMPANY).precondition(COMPANY, 'left'))).toBe(ERRORS.CLUSTER_NO_PENDING_REQUEST.code);
    expect(codeOf(() => reject(CLUSTER, COMPANY).precondition(COMPANY, 'pending'))).toBeUndefined();
  });

  it('lets only a member leave', () => {
    expect(codeOf(() => leave(CLUSTER, COMPANY).precondition(COMPANY, 'pending'))).toBe(ERRORS.CLUSTER_NOT_MEMBER.code);
    expect(codeOf(() => leave(CLUSTER, COMPANY).precondition(COMPANY, 'joined'))).toBeUndefined();
  });
});

describe('the event of each move', () => {
  const at = new Date('2026-05-04T08:00:00.000Z');

  it.each([
    ['requestToJoin', requestToJoin(CLUSTER, COMPANY, at), CLUSTERS_EVENTS.joinRequested, { requestedAt: at.toISOString() }],
    ['admit', admit(CLUSTER, COMPANY, 'coordinator', undefined, at), CLUSTERS_EVENTS.companyJoinedCluster, { role: 'coordinator', joinedAt: at.toISOString() }],
    ['reject', reject(CLUSTER, COMPANY, at), CLUSTERS_EVENTS.joinRejected, { rejectedAt: at.toISOString() }],
    ['leave', leave(CLUSTER, COMPANY, at), CLUSTERS_EVENTS.companyLeftCluster, { leftAt: at.toISOString() }],
  ])('%s names the cluster, the company and the new version', (_name, move, def, fields) => {
    const event = move.eventAt(7, 'Boîtiers du Doubs');
    expect(event).toMatchObject({ type: def.type, subject: 'clusters/cl-1/members/co-1', aggregateversion: 7 });
    expect(event.data).toEqual({
      clusterId: 'cl-1', clusterName: 'Grappe Boîtiers', theme: 'cases', companyId: 'co-1', companyName: 'Boîtiers du Doubs', version: 7, ...fields,
    });
  });
});

describe("the company's name a membership keeps", () => {
  it('takes the name of a newer version of the company', () => {
    expect(newestName({ _id: 'co-1', name: 'Boîtiers Rochat', version: 4 }, { companyName: 'Boîtiers du Doubs', companyVersion: 3 }))
      .toEqual({ companyName: 'Boîtiers Rochat', companyVersion: 4 });
  });

  it('keeps its own name against an older or equal version, or a caller that knows no version', () => {
    const stored = { companyName: 'Boîtiers Rochat', companyVersion: 4 };
    expect(newestName({ _id: 'co-1', name: 'Boîtiers du Doubs', version: 3 }, stored)).toEqual(stored);
    expect(newestName({ _id: 'co-1', name: 'Boîtiers du Doubs', version: 4 }, stored)).toEqual(stored);
    expect(newestName({ _id: 'co-1', name: 'Boîtiers du Doubs' }, stored)).toEqual(stored);
  });

  it("takes the caller's name for a membership not yet written", () => {
    expect(newestName({ _id: 'co-1', name: 'Boîtiers du Doubs', version: 2 })).toEqual({ companyName: 'Boîtiers du Doubs', companyVersion: 2 });
  });
});

describe('who may move a membership', () => {
  it('lets only active companies join', () => {
    expect(codeOf(() => assertMayJoin({ name: 'A', status: 'active' }))).toBeUndefined();
    expect(codeOf(() => assertMayJoin({ name: 'A', status: 'suspended' }))).toBe(ERRORS.CLUSTER_COMPANY_NOT_ACTIVE.code);
  });

  it("lets federation staff and the cluster's coordinator decide a request, and no one else", () => {
    expect(codeOf(() => assertMayDecide(STAFF, CLUSTER))).toBeUndefined();
    expect(codeOf(() => assertMayDecide(COORDINATOR, CLUSTER))).toBeUndefined();
    expect(codeOf(() => assertMayDecide(OWN_ADMIN, CLUSTER))).toBe(ERRORS.FORBIDDEN.code);
  });

  it('lets the company itself, the coordinator or staff take it out, but never the coordinating company', () => {
    expect(codeOf(() => assertMayTakeOut(OWN_ADMIN, CLUSTER, 'co-1'))).toBeUndefined();
    expect(codeOf(() => assertMayTakeOut(COORDINATOR, CLUSTER, 'co-1'))).toBeUndefined();
    expect(codeOf(() => assertMayTakeOut(STAFF, CLUSTER, 'co-1'))).toBeUndefined();
    expect(codeOf(() => assertMayTakeOut(OTHER_ADMIN, CLUSTER, 'co-1'))).toBe(ERRORS.FORBIDDEN.code);
    expect(codeOf(() => assertMayTakeOut(STAFF, CLUSTER, 'co-coord'))).toBe(ERRORS.CLUSTER_COORDINATOR_CANNOT_LEAVE.code);
  });
});
