import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import { CLUSTERS_EVENTS, ClusterSnapshot, CompanyJoinedCluster, EventEnvelope } from '@grappes/contracts';
import { OnEvent, applyIfNewer } from '@grappes/messaging';
import { Model } from 'mongoose';
import { ClusterMembers } from './known-clusters.service';
import { KnownCluster } from './known-cluster.schema';

@Controller()
export class ClusterEventsHandlers {
  constructor(
    @InjectModel(KnownCluster.name) private readonly clusters: Model<KnownCluster>,
    private readonly members: ClusterMembers,
  ) {}

  @OnEvent(CLUSTERS_EVENTS.clusterCreated)
  created(@Payload() { data }: EventEnvelope<ClusterSnapshot>): Promise<void> {
    return this.record(data);
  }

  @OnEvent(CLUSTERS_EVENTS.clusterUpdated)
  updated(@Payload() { data }: EventEnvelope<ClusterSnapshot>): Promise<void> {
    return this.record(data);
  }

  /** Leaving is handled with the registrations it cancels (CompanyDeparturesEventHandlers). */
  @OnEvent(CLUSTERS_EVENTS.companyJoinedCluster)
  async joined(@Payload() { data }: EventEnvelope<CompanyJoinedCluster>): Promise<void> {
    await this.members.record(data, true);
  }

  private record({ clusterId, name, coordinatorCompanyId, version }: ClusterSnapshot): Promise<void> {
    // null, not undefined: a coordinator that is gone must be erased, not kept.
    return applyIfNewer(this.clusters, clusterId, version, { name, coordinatorCompanyId: coordinatorCompanyId ?? null });
  }
}
