import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CompanySnapshot, EventEnvelope, MEMBERS_EVENTS, PersonRemoved } from '@grappes/contracts';
import { OnEvent } from '@grappes/messaging';
import { CalendarTokensService } from './calendar-tokens.service';

/**
 * A private feed URL works without a bearer token, so it must stop working
 * when its owner loses access: a removed person, the people of a suspended or
 * departed company. Deleting is idempotent; after a reactivation the person
 * asks for a new URL.
 */
@Controller()
export class CalendarAccessEventHandlers {
  constructor(private readonly tokens: CalendarTokensService) {}

  @OnEvent(MEMBERS_EVENTS.personRemoved)
  personRemoved(@Payload() event: EventEnvelope<PersonRemoved>): Promise<void> {
    return this.tokens.revokeOf({ personId: event.data.personId });
  }

  @OnEvent(MEMBERS_EVENTS.companySuspended)
  companySuspended(@Payload() event: EventEnvelope<CompanySnapshot>): Promise<void> {
    return this.tokens.revokeOf({ companyId: event.data.companyId });
  }

  @OnEvent(MEMBERS_EVENTS.companyDeactivated)
  companyDeactivated(@Payload() event: EventEnvelope<CompanySnapshot>): Promise<void> {
    return this.tokens.revokeOf({ companyId: event.data.companyId });
  }
}
