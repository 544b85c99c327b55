import { Injectable } from '@nestjs/common';
import { ClusterMemberView, Principal } from '@grappes/contracts';
import { MembershipsService } from '../memberships/memberships.service';
import type { ClusterDocument } from './cluster.schema';
import { ClusterAccess } from './cluster-access';
import { ClustersService } from './clusters.service';

export interface ClusterContext {
  cluster: ClusterDocument;
  members: ClusterMemberView[];
  access: ClusterAccess;
}

/** Loads a cluster with its members and the caller's place in it (404 for an unknown cluster). */
@Injectable()
export class ClusterAccessService {
  constructor(
    private readonly clusters: ClustersService,
    private readonly memberships: MembershipsService,
  ) {}

  async of(clusterId: string, principal: Principal): Promise<ClusterContext> {
    const cluster = await this.clusters.find(clusterId);
    const members = await this.memberships.membersOf(clusterId);
    const access = {
      principal,
      coordinatorCompanyId: cluster.coordinatorCompanyId,
      memberCompanyIds: new Set(members.map((m) => m.companyId)),
    };
    return { cluster, members, access };
  }
}
