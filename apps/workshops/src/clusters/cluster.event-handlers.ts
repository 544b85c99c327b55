import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CLUSTERS_EVENTS, ClusterSnapshot, CompanyJoinedCluster, EventEnvelope } from '@grappes/contracts';
import { OnEvent } from '@grappes/messaging';
import { KnownClustersService } from './known-clusters.service';

/** Keeps this service's view of clusters and their companies. */
@Controller()
export class KnownClusterEventHandlers {
  constructor(private readonly clusters: KnownClustersService) {}

  @OnEvent(CLUSTERS_EVENTS.clusterCreated)
  created(@Payload() { data }: EventEnvelope<ClusterSnapshot>): Promise<void> {
    return this.clusters.recordCluster(data);
  }

  @OnEvent(CLUSTERS_EVENTS.clusterUpdated)
  updated(@Payload() { data }: EventEnvelope<ClusterSnapshot>): Promise<void> {
    return this.clusters.recordCluster(data);
  }

  /** Leaving is handled with the registrations it cancels (CompanyDeparturesEventHandlers). */
  @OnEvent(CLUSTERS_EVENTS.companyJoinedCluster)
  async joined(@Payload() { data }: EventEnvelope<CompanyJoinedCluster>): Promise<void> {
    await this.clusters.recordMembership(data, true);
  }
}
