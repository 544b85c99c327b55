import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ClusterSnapshot, MembershipFact, MembershipState, Theme } from '@grappes/contracts';
import { applyIfNewer } from '@grappes/messaging';
import { Model } from 'mongoose';
import { KnownCluster } from './known-cluster.schema';
import { KnownMembership } from './known-membership.schema';

/** The members service's view of clusters and memberships, kept from the clusters service's events. */
@Injectable()
export class KnownClustersService {
  constructor(
    @InjectModel(KnownCluster.name) private readonly clusters: Model<KnownCluster>,
    @InjectModel(KnownMembership.name) private readonly memberships: Model<KnownMembership>,
  ) {}

  recordCluster(data: ClusterSnapshot): Promise<void> {
    return applyIfNewer(this.clusters, data.clusterId, data.version, { name: data.name, theme: data.theme });
  }

  recordMembership({ clusterId, companyId, version }: MembershipFact, state: MembershipState): Promise<void> {
    return applyIfNewer(this.memberships, `${clusterId}:${companyId}`, version, { clusterId, companyId, state });
  }

  /** Clusters of these themes, by name. */
  ofThemes(themes: Theme[]): Promise<KnownCluster[]> {
    return this.clusters.find({ theme: { $in: themes } }).sort({ name: 1 }).lean<KnownCluster[]>();
  }

  /** The clusters a company is in, or has asked to join. */
  async joinedOrAskedBy(companyId: string): Promise<Set<string>> {
    const taken = await this.memberships.find({ companyId, state: { $in: ['joined', 'pending'] } }, { clusterId: 1 }).lean<KnownMembership[]>();
    return new Set(taken.map((m) => m.clusterId));
  }
}
