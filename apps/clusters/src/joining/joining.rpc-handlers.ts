import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CLUSTERS_RPC, DecideJoinRequest, DomainError, ERRORS, JoinCluster, JoinOutcome, MembershipRef, Principal, assertActsForCompany,
} from '@grappes/contracts';
import { Caller, RequestContext, RpcHandler, requirePrincipal } from '@grappes/messaging';
import { ClustersService } from '../clusters/clusters.service';
import { KnownCompaniesService } from '../companies/known-companies.service';
import { assertMayDecide, assertMayJoin, assertMayTakeOut } from '../memberships/membership';
import { MembershipsService } from '../memberships/memberships.service';

@Controller()
export class JoiningRpcHandlers {
  constructor(
    private readonly clusters: ClustersService,
    private readonly companies: KnownCompaniesService,
    private readonly memberships: MembershipsService,
  ) {}

  @RpcHandler(CLUSTERS_RPC.joinCluster)
  async join(@Payload() { clusterId, companyId }: JoinCluster, @Caller() caller: RequestContext): Promise<JoinOutcome> {
    const principal = requirePrincipal(caller);
    assertActsForCompany(principal, companyId);
    const cluster = await this.clusters.find(clusterId);
    return this.memberships.join(cluster, await this.activeCompany(companyId, principal));
  }

  /** Federation staff or the cluster's coordinator approve or reject a request to join. */
  @RpcHandler(CLUSTERS_RPC.decideJoinRequest)
  async decide(@Payload() { clusterId, companyId, decision }: DecideJoinRequest, @Caller() caller: RequestContext): Promise<JoinOutcome> {
    const principal = requirePrincipal(caller);
    const cluster = await this.clusters.find(clusterId);
    assertMayDecide(principal, cluster);
    const name = await this.memberships.memberName(clusterId, companyId);
    if (!name) throw new DomainError(ERRORS.CLUSTER_NO_PENDING_REQUEST, `No request of company ${companyId} in this cluster`);
    // The rule of joining holds for approving: a company suspended or gone since it asked is not admitted.
    if (decision === 'approve') await this.activeCompany(companyId, principal);
    return this.memberships.decide(cluster, { _id: companyId, name }, decision);
  }

  /** The company leaves, or is taken out by federation staff or the coordinator; the coordinator itself stays. */
  @RpcHandler(CLUSTERS_RPC.leaveCluster)
  async leave(@Payload() { clusterId, companyId }: MembershipRef, @Caller() caller: RequestContext): Promise<void> {
    const principal = requirePrincipal(caller);
    const cluster = await this.clusters.find(clusterId);
    assertMayTakeOut(principal, cluster, companyId);
    const name = await this.memberships.memberName(clusterId, companyId);
    if (!name) throw new DomainError(ERRORS.CLUSTER_NOT_MEMBER, `Company ${companyId} is not a member`);
    await this.memberships.leave(cluster, { _id: companyId, name });
  }

  private async activeCompany(companyId: string, principal: Principal) {
    const company = await this.companies.find(companyId, principal);
    assertMayJoin(company);
    return company;
  }
}
