import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CLUSTERS_EVENTS, ClusterSnapshot, EventEnvelope } from '@grappes/contracts';
import { OnEvent } from '@grappes/messaging';
import { KnownClustersService } from './known-clusters.service';

/**
 * Keeps this service's view of clusters and their coordinators. Memberships are
 * recorded by the notices' handlers of the same events, which must record them
 * before they address anyone (notices/cluster.event-handlers.ts).
 */
@Controller()
export class KnownClusterEventHandlers {
  constructor(private readonly clusters: KnownClustersService) {}

  @OnEvent(CLUSTERS_EVENTS.clusterCreated)
  created(@Payload() event: EventEnvelope<ClusterSnapshot>): Promise<void> {
    return this.clusters.recordCluster(event.data);
  }

  @OnEvent(CLUSTERS_EVENTS.clusterUpdated)
  updated(@Payload() event: EventEnvelope<ClusterSnapshot>): Promise<void> {
    return this.clusters.recordCluster(event.data);
  }
}
