import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { CLUSTERS_RPC, ClusterSnapshot, MembershipFact, Principal } from '@grappes/contracts';
import { RpcClient, applyIfNewer } from '@grappes/messaging';
import { Model } from 'mongoose';
import { KnownCluster } from './known-cluster.schema';
import { KnownMembership, membershipKey } from './known-membership.schema';

/** This service's view of clusters, their coordinators and their companies, kept from the clusters events. */
@Injectable()
export class KnownClustersService {
  constructor(
    @InjectModel(KnownCluster.name) private readonly clusters: Model<KnownCluster>,
    @InjectModel(KnownMembership.name) private readonly memberships: Model<KnownMembership>,
    private readonly rpc: RpcClient,
  ) {}

  recordCluster({ clusterId, name, coordinatorCompanyId, version }: ClusterSnapshot): Promise<void> {
    // null, not undefined: a coordinator that is gone must be erased, not kept.
    return applyIfNewer(this.clusters, clusterId, version, { name, coordinatorCompanyId: coordinatorCompanyId ?? null });
  }

  /** Applies a membership event; true when, after it, the company is (still or again) a member. */
  async recordMembership({ clusterId, companyId, version }: MembershipFact, joined: boolean): Promise<boolean> {
    const _id = membershipKey(clusterId, companyId);
    await applyIfNewer(this.memberships, _id, version, { clusterId, companyId, joined });
    return !!(await this.memberships.exists({ _id, joined: true }));
  }

  /** The cluster as this service knows it. One opened a moment ago may not have reached us by event yet: then the clusters service is asked. */
  async find(clusterId: string, principal: Principal): Promise<Pick<KnownCluster, 'name' | 'coordinatorCompanyId'>> {
    const known = await this.clusters.findById(clusterId).lean<KnownCluster>();
    return known ?? (await this.rpc.send(CLUSTERS_RPC.getCluster, { clusterId }, { principal }));
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
