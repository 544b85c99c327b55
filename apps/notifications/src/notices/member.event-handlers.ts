import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CompanySnapshot, EventEnvelope, MEMBERS_EVENTS, PersonSnapshot } from '@grappes/contracts';
import { OnEvent } from '@grappes/messaging';
import { KnownPeopleService } from '../people/known-people.service';
import { NoticesService } from './notices.service';

@Controller()
export class MemberEventHandlers {
  constructor(
    private readonly people: KnownPeopleService,
    private readonly notices: NoticesService,
  ) {}

  /** Recorded first, then told of what was meant for them before their event arrived (another stream may be ahead). */
  @OnEvent(MEMBERS_EVENTS.personAdded)
  async personAdded(@Payload() event: EventEnvelope<PersonSnapshot>): Promise<void> {
    await this.people.recordPerson(event.data, new Date(event.time));
    await this.notices.personArrived(event.data.personId);
  }

  @OnEvent(MEMBERS_EVENTS.companySuspended)
  companySuspended(@Payload() event: EventEnvelope<CompanySnapshot>): Promise<void> {
    return this.notices.announce(event);
  }

  @OnEvent(MEMBERS_EVENTS.companyDeactivated)
  companyDeactivated(@Payload() event: EventEnvelope<CompanySnapshot>): Promise<void> {
    return this.notices.announce(event);
  }
}
