import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CLUSTERS_EVENTS, ClusterSnapshot, CompanySnapshot, EventEnvelope, MEMBERS_EVENTS, PersonRemoved, PersonSnapshot,
} from '@grappes/contracts';
import { OnEvent } from '@grappes/messaging';
import { Welcomes } from '../inbox/welcomes';
import { RecipientsService } from './recipients.service';

/** Keeps this service's view of who can be notified and who coordinates which cluster. */
@Controller()
export class RecipientEventsHandlers {
  constructor(
    private readonly recipients: RecipientsService,
    private readonly welcomes: Welcomes,
  ) {}

  @OnEvent(MEMBERS_EVENTS.personAdded)
  async personAdded(@Payload() event: EventEnvelope<PersonSnapshot>): Promise<void> {
    const addedAt = new Date(event.time);
    await this.recipients.recordPerson(event.data, addedAt);
    // Their company's join may have been handled already (it travels on another stream).
    await this.welcomes.personAdded(event.data, addedAt);
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
