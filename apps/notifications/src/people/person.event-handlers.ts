import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CompanySnapshot, EventEnvelope, MEMBERS_EVENTS, PersonRemoved, PersonSnapshot } from '@grappes/contracts';
import { OnEvent } from '@grappes/messaging';
import { KnownPeopleService } from './known-people.service';

/**
 * Keeps this service's view of who can be notified. A person's arrival is
 * recorded by the notices' handler of `person-added`, which must record them
 * before it looks for the notices meant for them (notices/member.event-handlers.ts).
 */
@Controller()
export class KnownPersonEventHandlers {
  constructor(private readonly people: KnownPeopleService) {}

  /** A change to an account (its language): later messages follow it. */
  @OnEvent(MEMBERS_EVENTS.personUpdated)
  personUpdated(@Payload() event: EventEnvelope<PersonSnapshot>): Promise<void> {
    return this.people.recordPerson(event.data);
  }

  @OnEvent(MEMBERS_EVENTS.personRemoved)
  personRemoved(@Payload() event: EventEnvelope<PersonRemoved>): Promise<void> {
    return this.people.removePerson(event.data);
  }

  @OnEvent(MEMBERS_EVENTS.companyDeactivated)
  companyDeactivated(@Payload() event: EventEnvelope<CompanySnapshot>): Promise<void> {
    return this.people.companyLeft(event.data.companyId);
  }

}
