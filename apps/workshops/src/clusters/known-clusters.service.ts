import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { CLUSTERS_RPC, MembershipFact, Principal } from '@grappes/contracts';
import { RpcClient, applyIfNewer } from '@grappes/messaging';
import { Model } from 'mongoose';
import { ClusterMembership, membershipKey } from './known-membership.schema';

@Injectable()
export class ClusterMembers {
  constructor(
    @InjectModel(ClusterMembership.name) private readonly memberships: Model<ClusterMembership>,
    private readonly rpc: RpcClient,
  ) {}

  /** Applies a membership event; true when, after it, the company is (still or again) a member. */
  async record({ clusterId, companyId, version }: MembershipFact, joined: boolean): Promise<boolean> {
    const _id = membershipKey(clusterId, companyId);
    await applyIfNewer(this.memberships, _id, version, { clusterId, companyId, joined });
    return !!(await this.memberships.exists({ _id, joined: true }));
  }

  /**
   * Whether the company may register for the cluster's workshops. A company
   * that joined a moment ago may not have reached us by event yet: then the
   * clusters service is asked.
   */
  async isMember(clusterId: string, companyId: string, principal: Principal): Promise<boolean> {
    if (await this.memberships.exists({ _id: membershipKey(clusterId, companyId), joined: true })) return true;
    const cluster = await this.rpc.send(CLUSTERS_RPC.getCluster, { clusterId }, { principal });
    return cluster.members.some((member) => member.companyId === companyId);
  }

  /** The clusters a company belongs to, as far as the events told. */
  async clustersOf(companyId: string): Promise<string[]> {
    return this.memberships.distinct('clusterId', { companyId, joined: true });
  }
}
