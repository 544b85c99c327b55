import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CLUSTERS_EVENTS, CompanyJoinedCluster, CompanyLeftCluster, EventEnvelope, JoinRejected, JoinRequested } from '@grappes/contracts';
import { OnEvent } from '@grappes/messaging';
import { RecipientsService } from '../recipients/recipients.service';
import { InboxService } from './inbox.service';
import { Welcomes } from './welcomes';

/** Tells federation staff, the coordinator and the company itself about movements in a cluster. */
@Controller()
export class ClusterMembershipNotifier {
  constructor(
    private readonly recipients: RecipientsService,
    private readonly inbox: InboxService,
    private readonly welcomes: Welcomes,
  ) {}

  @OnEvent(CLUSTERS_EVENTS.companyJoinedCluster)
  async companyJoined(@Payload() event: EventEnvelope<CompanyJoinedCluster>): Promise<void> {
    const { clusterId, clusterName, companyName } = event.data;
    await this.recipients.recordJoin(event);
    const [staff, coordinators] = await Promise.all([this.recipients.federationStaff(), this.coordinatorPeople(clusterId)]);
    await this.inbox.deliver(event, [...staff, ...coordinators].map((r) => r._id), {
      title: `${companyName} a rejoint la grappe ${clusterName}`,
      body: `${companyName} est désormais membre de la grappe ${clusterName}.`,
    });
    await this.welcomes.companyJoined(event);
  }

  @OnEvent(CLUSTERS_EVENTS.companyLeftCluster)
  async companyLeft(@Payload() event: EventEnvelope<CompanyLeftCluster>): Promise<void> {
    const { clusterId, clusterName, companyName } = event.data;
    await this.recipients.recordMembership(event.data, false);
    const [staff, coordinators] = await Promise.all([this.recipients.federationStaff(), this.coordinatorPeople(clusterId)]);
    await this.inbox.deliver(event, [...staff, ...coordinators].map((r) => r._id), {
      title: `${companyName} a quitté la grappe ${clusterName}`,
      body: `${companyName} n'est plus membre de la grappe ${clusterName}.`,
    });
  }

  @OnEvent(CLUSTERS_EVENTS.joinRequested)
  async joinRequested(@Payload() event: EventEnvelope<JoinRequested>): Promise<void> {
    const { clusterId, clusterName, companyName } = event.data;
    const [staff, coordinators] = await Promise.all([this.recipients.federationStaff(), this.coordinatorPeople(clusterId)]);
    await this.inbox.deliver(event, [...staff, ...coordinators].map((r) => r._id), {
      title: `${companyName} demande à rejoindre la grappe ${clusterName}`,
      body: `La demande de ${companyName} attend une décision.`,
    });
  }

  @OnEvent(CLUSTERS_EVENTS.joinRejected)
  async joinRejected(@Payload() event: EventEnvelope<JoinRejected>): Promise<void> {
    const { clusterName, companyId, companyName } = event.data;
    const people = await this.recipients.peopleOf([companyId]);
    await this.inbox.deliver(event, people.map((r) => r._id), {
      title: `Demande refusée : grappe ${clusterName}`,
      body: `La demande de ${companyName} pour rejoindre la grappe ${clusterName} n'a pas été retenue.`,
    });
  }

  private async coordinatorPeople(clusterId: string) {
    const coordinator = await this.recipients.coordinatorOf(clusterId);
    return coordinator ? this.recipients.peopleOf([coordinator]) : [];
  }
}
