import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CLUSTERS_RPC, DomainError, ERRORS, JoinCluster, JoinOutcome, assertActsForCompany } from '@grappes/contracts';
import { Caller, RequestContext, RpcHandler, requirePrincipal } from '@grappes/messaging';
import { ClustersService } from '../clusters/clusters.service';
import { KnownCompaniesService } from '../companies/known-companies.service';
import { MembershipsService } from './memberships.service';

@Controller()
export class MembershipsHandlers {
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
    const company = await this.companies.find(companyId, principal);
    if (company.status !== 'active') throw new DomainError(ERRORS.CLUSTER_COMPANY_NOT_ACTIVE, `${company.name} is not an active member`);
    return this.memberships.join(cluster, company);
  }
}
