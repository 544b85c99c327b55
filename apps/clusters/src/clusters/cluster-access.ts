import { DomainError, ERRORS, Principal, isCoordinator, isFederationAdmin } from '@grappes/contracts';

/** Who is calling, seen from one cluster: enough to decide what they may do there without another read. */
export interface ClusterAccess {
  principal: Principal;
  coordinatorCompanyId?: string;
  /** The companies that are members of the cluster now. */
  memberCompanyIds: ReadonlySet<string>;
}

export const isStaff = (access: ClusterAccess): boolean => isFederationAdmin(access.principal);

export const isCompanyAdminOf = (principal: Principal, companyId: string): boolean =>
  principal.companyId === companyId && principal.roles.includes('company-admin');

/** The coordinator is the coordinating company's company-admins; its plain members have no coordinator powers. */
export const isCoordinatorAdmin = (access: ClusterAccess): boolean => isCoordinator(access.principal, access.coordinatorCompanyId);

/** A person of one of the cluster's member companies. */
export const isMemberPerson = (access: ClusterAccess): boolean =>
  !!access.principal.companyId && access.memberCompanyIds.has(access.principal.companyId);

/** Reading and taking part (ideas, comments): federation staff and the people of the member companies. */
export function assertTakesPart(access: ClusterAccess): void {
  if (!isStaff(access) && !isMemberPerson(access)) {
    throw new DomainError(ERRORS.FORBIDDEN, "Only the people of the cluster's member companies may do this");
  }
}

/** Launching projects, closing and launching ideas: federation staff and the coordinator. */
export function assertCoordinates(access: ClusterAccess): void {
  if (!isStaff(access) && !isCoordinatorAdmin(access)) {
    throw new DomainError(ERRORS.FORBIDDEN, "Only federation staff and the cluster's coordinator may do this");
  }
}
