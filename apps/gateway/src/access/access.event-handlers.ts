import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CompanySnapshot, EventEnvelope, MEMBERS_EVENTS, PersonRemoved } from '@grappes/contracts';
import { OnEvent } from '@grappes/messaging';
import { RevokedAccess } from './revoked-access';

/** The facts that take access away, or give it back, before tokens expire. */
@Controller()
export class AccessEventHandlers {
  constructor(private readonly access: RevokedAccess) {}

  @OnEvent(MEMBERS_EVENTS.personRemoved)
  personRemoved(@Payload() event: EventEnvelope<PersonRemoved>): Promise<void> {
    return this.access.revokePerson(event.data.personId);
  }

  @OnEvent(MEMBERS_EVENTS.companySuspended)
  suspended(@Payload() event: EventEnvelope<CompanySnapshot>): Promise<void> {
    return this.access.decideCompany(event.data.companyId, { revoked: true, version: event.data.version });
  }

  @OnEvent(MEMBERS_EVENTS.companyDeactivated)
  deactivated(@Payload() event: EventEnvelope<CompanySnapshot>): Promise<void> {
    return this.access.decideCompany(event.data.companyId, { revoked: true, version: event.data.version });
  }

  @OnEvent(MEMBERS_EVENTS.companyReactivated)
  reactivated(@Payload() event: EventEnvelope<CompanySnapshot>): Promise<void> {
    return this.access.decideCompany(event.data.companyId, { revoked: false, version: event.data.version });
  }
}
