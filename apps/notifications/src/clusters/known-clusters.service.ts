import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ClusterSnapshot, DomainError, ERRORS, MembershipFact } from '@grappes/contracts';
import { applyIfNewer } from '@grappes/messaging';
import { Model } from 'mongoose';
import { KnownCluster } from './known-cluster.schema';
import { KnownMembership } from './known-membership.schema';

/** This service's view of clusters, their coordinators and their companies, kept from the clusters events. */
@Injectable()
export class KnownClustersService {
  constructor(
    @InjectModel(KnownCluster.name) private readonly clusters: Model<KnownCluster>,
    @InjectModel(KnownMembership.name) private readonly memberships: Model<KnownMembership>,
  ) {}

  recordCluster(cluster: ClusterSnapshot): Promise<void> {
    const { clusterId, name, coordinatorCompanyId, version } = cluster;
    // null, not undefined: a coordinator that is gone must be erased, not kept.
    return applyIfNewer(this.clusters, clusterId, version, { name, coordinatorCompanyId: coordinatorCompanyId ?? null });
  }

  recordMembership({ clusterId, companyId, version }: MembershipFact, joined: boolean): Promise<void> {
    return applyIfNewer(this.memberships, `${clusterId}:${companyId}`, version, { clusterId, companyId, joined });
  }

  /** The companies in a cluster. */
  async companiesOf(clusterId: string): Promise<string[]> {
    const members = await this.memberships.find({ clusterId, joined: true }, { companyId: 1 }).lean<KnownMembership[]>();
    return members.map((m) => m.companyId);
  }

  /**
   * The coordinating company of a cluster, if it has one. A cluster not known
   * yet (its creation is still on its way) fails the handling, to be retried.
   */
  async coordinatorOf(clusterId: string): Promise<string | undefined> {
    const cluster = await this.clusters.findById(clusterId).lean<KnownCluster>();
    if (!cluster) throw new DomainError(ERRORS.EVENT_FACT_PENDING, `Cluster ${clusterId} is not known here yet`);
    return cluster.coordinatorCompanyId ?? undefined;
  }
}
