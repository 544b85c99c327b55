import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CLUSTERS_EVENTS, ClusterSnapshot, CompanySnapshot, EventEnvelope, MEMBERS_EVENTS, PersonRemoved, PersonSnapshot } from '@grappes/contracts';
import { OnEvent } from '@grappes/messaging';
import { RecipientsService } from './known-people.service';

/**
 * Keeps this service's view of who can be notified and who coordinates which
 * cluster. A person's arrival and a company's memberships are recorded by the
 * notices' handlers, which must record them before they look for notices.
 */
@Controller()
export class RecipientEventHandlers {
  constructor(private readonly recipients: RecipientsService) {}

  /** A change to an account (its language): later messages follow it. */
  @OnEvent(MEMBERS_EVENTS.personUpdated)
  personUpdated(@Payload() event: EventEnvelope<PersonSnapshot>): Promise<void> {
    return this.recipients.recordPerson(event.data);
  }

  @OnEvent(MEMBERS_EVENTS.personRemoved)
  personRemoved(@Payload() event: EventEnvelope<PersonRemoved>): Promise<void> {
    return this.recipients.removePerson(event.data);
  }

  @OnEvent(MEMBERS_EVENTS.companyDeactivated)
  companyDeactivated(@Payload() event: EventEnvelope<CompanySnapshot>): Promise<void> {
    return this.recipients.companyLeft(event.data.companyId);
  }

  @OnEvent(CLUSTERS_EVENTS.clusterCreated)
  clusterCreated(@Payload() event: EventEnvelope<ClusterSnapshot>): Promise<void> {
    return this.recipients.recordCluster(event.data);
  }

  @OnEvent(CLUSTERS_EVENTS.clusterUpdated)
  clusterUpdated(@Payload() event: EventEnvelope<ClusterSnapshot>): Promise<void> {
    return this.recipients.recordCluster(event.data);
  }
}
