import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CompanySnapshot, EventEnvelope, MEMBERS_EVENTS } from '@grappes/contracts';
import { OnEvent } from '@grappes/messaging';
import { KnownCompaniesService } from './known-companies.service';

@Controller()
export class CompanyEventHandlers {
  constructor(private readonly companies: KnownCompaniesService) {}

  @OnEvent(MEMBERS_EVENTS.companyRegistered)
  registered(@Payload() event: EventEnvelope<CompanySnapshot>): Promise<void> {
    return this.companies.record(event.data);
  }

  @OnEvent(MEMBERS_EVENTS.companyUpdated)
  updated(@Payload() event: EventEnvelope<CompanySnapshot>): Promise<void> {
    return this.companies.record(event.data);
  }
}
