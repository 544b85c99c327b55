import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import { CLUSTERS_EVENTS, ClusterSnapshot, EventEnvelope, MembershipFact } from '@grappes/contracts';
import { OnEvent, applyIfNewer } from '@grappes/messaging';
import { Model } from 'mongoose';
import { KnownCluster, KnownMembership } from './cluster-view.schema';

/** Keeps the members service's view of clusters and memberships, for suggestions. */
@Controller()
export class ClusterEventsHandlers {
  constructor(
    @InjectModel(KnownCluster.name) private readonly clusters: Model<KnownCluster>,
    @InjectModel(KnownMembership.name) private readonly memberships: Model<KnownMembership>,
  ) {}

  @OnEvent(CLUSTERS_EVENTS.clusterCreated)
  created(@Payload() { data }: EventEnvelope<ClusterSnapshot>): Promise<void> {
    return applyIfNewer(this.clusters, data.clusterId, data.version, { name: data.name, theme: data.theme });
  }

  @OnEvent(CLUSTERS_EVENTS.clusterUpdated)
  updated(@Payload() { data }: EventEnvelope<ClusterSnapshot>): Promise<void> {
    return applyIfNewer(this.clusters, data.clusterId, data.version, { name: data.name, theme: data.theme });
  }

  @OnEvent(CLUSTERS_EVENTS.companyJoinedCluster)
  joined(@Payload() { data }: EventEnvelope<MembershipFact>): Promise<void> {
    return this.membership(data, 'joined');
  }

  @OnEvent(CLUSTERS_EVENTS.joinRequested)
  requested(@Payload() { data }: EventEnvelope<MembershipFact>): Promise<void> {
    return this.membership(data, 'pending');
  }

  @OnEvent(CLUSTERS_EVENTS.joinRejected)
  rejected(@Payload() { data }: EventEnvelope<MembershipFact>): Promise<void> {
    return this.membership(data, 'rejected');
  }

  @OnEvent(CLUSTERS_EVENTS.companyLeftCluster)
  left(@Payload() { data }: EventEnvelope<MembershipFact>): Promise<void> {
    return this.membership(data, 'left');
  }

  private membership({ clusterId, companyId, version }: MembershipFact, state: string): Promise<void> {
    return applyIfNewer(this.memberships, `${clusterId}:${companyId}`, version, { clusterId, companyId, state });
  }
}
