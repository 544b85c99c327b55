import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CLUSTERS_EVENTS, ClusterSnapshot, EventEnvelope, MembershipFact } from '@grappes/contracts';
import { OnEvent } from '@grappes/messaging';
import { KnownClustersService } from './known-clusters.service';

/** Keeps the members service's view of clusters and memberships, for suggestions. */
@Controller()
export class ClusterEventHandlers {
  constructor(private readonly known: KnownClustersService) {}

  @OnEvent(CLUSTERS_EVENTS.clusterCreated)
  created(@Payload() { data }: EventEnvelope<ClusterSnapshot>): Promise<void> {
    return this.known.recordCluster(data);
  }

  @OnEvent(CLUSTERS_EVENTS.clusterUpdated)
  updated(@Payload() { data }: EventEnvelope<ClusterSnapshot>): Promise<void> {
    return this.known.recordCluster(data);
  }

  @OnEvent(CLUSTERS_EVENTS.companyJoinedCluster)
  joined(@Payload() { data }: EventEnvelope<MembershipFact>): Promise<void> {
    return this.known.recordMembership(data, 'joined');
  }

  @OnEvent(CLUSTERS_EVENTS.joinRequested)
  requested(@Payload() { data }: EventEnvelope<MembershipFact>): Promise<void> {
    return this.known.recordMembership(data, 'pending');
  }

  @OnEvent(CLUSTERS_EVENTS.joinRejected)
  rejected(@Payload() { data }: EventEnvelope<MembershipFact>): Promise<void> {
    return this.known.recordMembership(data, 'rejected');
  }

  @OnEvent(CLUSTERS_EVENTS.companyLeftCluster)
  left(@Payload() { data }: EventEnvelope<MembershipFact>): Promise<void> {
    return this.known.recordMembership(data, 'left');
  }
}
