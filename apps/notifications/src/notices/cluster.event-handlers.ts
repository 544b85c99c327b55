import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CLUSTERS_EVENTS, CompanyJoinedCluster, CompanyLeftCluster, EventEnvelope, JoinRejected, JoinRequested } from '@grappes/contracts';
import { OnEvent } from '@grappes/messaging';
import { KnownClustersService } from '../clusters/known-clusters.service';
import { NoticesService } from './notices.service';

/** Movements in a cluster: the membership is recorded before anyone is told, so that later notices address the right companies. */
@Controller()
export class ClusterEventHandlers {
  constructor(
    private readonly clusters: KnownClustersService,
    private readonly notices: NoticesService,
  ) {}

  @OnEvent(CLUSTERS_EVENTS.companyJoinedCluster)
  async companyJoined(@Payload() event: EventEnvelope<CompanyJoinedCluster>): Promise<void> {
    await this.clusters.recordMembership(event.data, true);
    await this.notices.announce(event);
  }

  @OnEvent(CLUSTERS_EVENTS.companyLeftCluster)
  async companyLeft(@Payload() event: EventEnvelope<CompanyLeftCluster>): Promise<void> {
    await this.clusters.recordMembership(event.data, false);
    await this.notices.announce(event);
  }

  @OnEvent(CLUSTERS_EVENTS.joinRequested)
  joinRequested(@Payload() event: EventEnvelope<JoinRequested>): Promise<void> {
    return this.notices.announce(event);
  }

  @OnEvent(CLUSTERS_EVENTS.joinRejected)
  joinRejected(@Payload() event: EventEnvelope<JoinRejected>): Promise<void> {
    return this.notices.announce(event);
  }
}
