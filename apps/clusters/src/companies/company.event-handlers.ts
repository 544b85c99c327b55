import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CompanySnapshot, EventEnvelope, MEMBERS_EVENTS } from '@grappes/contracts';
import { OnEvent } from '@grappes/messaging';
import { MembershipsService } from '../memberships/memberships.service';
import { KnownCompaniesService } from './known-companies.service';

@Controller()
export class CompanyEventHandlers {
  constructor(
    private readonly companies: KnownCompaniesService,
    private readonly memberships: MembershipsService,
  ) {}

  @OnEvent(MEMBERS_EVENTS.companyRegistered)
  registered(@Payload() event: EventEnvelope<CompanySnapshot>): Promise<void> {
    return this.companies.record(event.data);
  }

  /** A new name reaches the company's memberships too, which show it and put it into their events. */
  @OnEvent(MEMBERS_EVENTS.companyUpdated)
  async updated(@Payload() { data }: EventEnvelope<CompanySnapshot>): Promise<void> {
    await this.companies.record(data);
    await this.memberships.renameCompany(data.companyId, data.name, data.version);
  }
}
