/**
 * A company's place in one cluster, without a server: who may move it, which
 * moves its state allows, and the event each move raises, built here once.
 */
import {
  CLUSTERS_EVENTS, ClusterMemberRole, DomainError, ERRORS, EventDefinition, EventEnvelope, MembershipFact, MembershipState,
  Principal, assertActsForCompany, isCoordinator, isFederationAdmin,
} from '@grappes/contracts';
import { createEvent } from '@grappes/messaging';
import type { Cluster } from '../clusters/cluster.schema';
import type { KnownCompany } from '../companies/known-company.schema';
import type { Membership } from './membership.schema';

export type ClusterRef = Pick<Cluster, '_id' | 'name' | 'theme'> & Partial<Pick<Cluster, 'coordinatorCompanyId'>>;
/** A company as a use case knows it; `version` is the members service's, when the name comes from its events. */
export type CompanyRef = Pick<KnownCompany, '_id' | 'name'> & { version?: number };

/** A membership's copy of its company's name. */
export type CompanyNaming = Pick<Membership, 'companyName' | 'companyVersion'>;

/** The newer of the name the caller knows and the one the membership holds; on a tie, the membership's. */
export function newestName(company: CompanyRef, stored?: CompanyNaming): CompanyNaming {
  if (stored && (company.version ?? -1) <= (stored.companyVersion ?? -1)) return { companyName: stored.companyName, companyVersion: stored.companyVersion };
  return { companyName: company.name, companyVersion: company.version };
}

/** Refuses a move from the membership's current state (none when the company never asked). */
export type Precondition = (company: CompanyRef, state?: MembershipState) => void;

/** Joining, or asking to: not for a member, nor twice for a company that asked already. A company that left or was rejected may come back. */
export const mayJoin =
  (asking: boolean): Precondition =>
  (company, state) => {
    if (state === 'joined') throw new DomainError(ERRORS.CLUSTER_ALREADY_MEMBER, `${company.name} is a member already`);
    if (asking && state === 'pending') throw new DomainError(ERRORS.CLUSTER_ALREADY_MEMBER, `${company.name} has asked to join already`);
  };

export const hasPendingRequest: Precondition = (company, state) => {
  if (state !== 'pending') throw new DomainError(ERRORS.CLUSTER_NO_PENDING_REQUEST, `${company.name} has no request waiting`);
};

export const isMember: Precondition = (company, state) => {
  if (state !== 'joined') throw new DomainError(ERRORS.CLUSTER_NOT_MEMBER, `${company.name} is not a member`);
};

/** Only active member companies join a cluster, directly or by an approved request. */
export function assertMayJoin(company: Pick<KnownCompany, 'name' | 'status'>): void {
  if (company.status !== 'active') throw new DomainError(ERRORS.CLUSTER_COMPANY_NOT_ACTIVE, `${company.name} is not an active member`);
}

/** Federation staff or the cluster's coordinator decide a request to join. */
export function assertMayDecide(principal: Principal, cluster: Pick<Cluster, 'coordinatorCompanyId'>): void {
  if (!isFederationAdmin(principal) && !isCoordinator(principal, cluster.coordinatorCompanyId)) {
    throw new DomainError(ERRORS.FORBIDDEN, "Only federation staff and the cluster's coordinator decide requests");
  }
}

/** The company leaves, or is taken out by federation staff or the coordinator; the coordinator itself stays. */
export function assertMayTakeOut(principal: Principal, cluster: Pick<Cluster, 'coordinatorCompanyId'>, companyId: string): void {
  if (!isCoordinator(principal, cluster.coordinatorCompanyId)) assertActsForCompany(principal, companyId);
  if (cluster.coordinatorCompanyId === companyId) {
    throw new DomainError(ERRORS.CLUSTER_COORDINATOR_CANNOT_LEAVE, 'The coordinating company cannot leave its cluster');
  }
}

/** A change of state: what it stores, what it requires of the current state, and the event it raises at its version (naming the company as the membership now does). */
export interface Move {
  change: Partial<Membership>;
  precondition: Precondition;
  eventAt(version: number, companyName: string): EventEnvelope;
}

export function requestToJoin(cluster: ClusterRef, company: CompanyRef, at = new Date()): Move {
  return {
    change: { state: 'pending', role: 'member', requestedAt: at },
    precondition: mayJoin(true),
    eventAt: (version, companyName) => membershipEvent(CLUSTERS_EVENTS.joinRequested, cluster, company._id, companyName, version, { requestedAt: at.toISOString() }),
  };
}

export function admit(cluster: ClusterRef, company: CompanyRef, role: ClusterMemberRole, precondition = mayJoin(false), at = new Date()): Move {
  return {
    change: { state: 'joined', role, joinedAt: at },
    precondition,
    eventAt: (version, companyName) => membershipEvent(CLUSTERS_EVENTS.companyJoinedCluster, cluster, company._id, companyName, version, { role, joinedAt: at.toISOString() }),
  };
}

export function reject(cluster: ClusterRef, company: CompanyRef, at = new Date()): Move {
  return {
    change: { state: 'rejected' },
    precondition: hasPendingRequest,
    eventAt: (version, companyName) => membershipEvent(CLUSTERS_EVENTS.joinRejected, cluster, company._id, companyName, version, { rejectedAt: at.toISOString() }),
  };
}

export function leave(cluster: ClusterRef, company: CompanyRef, at = new Date()): Move {
  return {
    change: { state: 'left' },
    precondition: isMember,
    eventAt: (version, companyName) => membershipEvent(CLUSTERS_EVENTS.companyLeftCluster, cluster, company._id, companyName, version, { leftAt: at.toISOString() }),
  };
}

/** Every membership event names its cluster and company alike (the company by the name the membership now holds), about the aggregate `clusters/<id>/members/<companyId>`. */
function membershipEvent<D extends MembershipFact>(
  def: EventDefinition<D>,
  cluster: ClusterRef,
  companyId: string,
  companyName: string,
  version: number,
  fields: Omit<D, keyof MembershipFact>,
): EventEnvelope<D> {
  const fact = { clusterId: cluster._id, clusterName: cluster.name, theme: cluster.theme, companyId, companyName, version };
  return createEvent(def, { subject: `clusters/${cluster._id}/members/${companyId}`, version }, { ...fact, ...fields } as D);
}

export function concurrentChange(companyName: string): DomainError {
  return new DomainError(ERRORS.CONCURRENT_CHANGE, `The membership of ${companyName} changed meanwhile; try again`);
}

const RACE_LOST = new Set<string>([ERRORS.CONCURRENT_CHANGE.code, ERRORS.CLUSTER_NOT_MEMBER.code, ERRORS.CLUSTER_NO_PENDING_REQUEST.code]);

/** The state read before a write changed before it: reading it again may find the move unneeded. */
export function isRaceLost(error: unknown): boolean {
  return error instanceof DomainError && RACE_LOST.has(error.code);
}
