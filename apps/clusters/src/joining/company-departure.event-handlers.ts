import { Controller, Logger } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CompanySnapshot, EventEnvelope, MEMBERS_EVENTS } from '@grappes/contracts';
import { OnEvent } from '@grappes/messaging';
import { ClustersService } from '../clusters/clusters.service';
import { KnownCompaniesService } from '../companies/known-companies.service';
import { MembershipsService } from '../memberships/memberships.service';

/** When a company leaves the federation, it leaves all its clusters and coordinates none. */
@Controller()
export class CompanyDepartureEventHandlers {
  private readonly logger = new Logger(CompanyDepartureEventHandlers.name);

  constructor(
    private readonly companies: KnownCompaniesService,
    private readonly clusters: ClustersService,
    private readonly memberships: MembershipsService,
  ) {}

  @OnEvent(MEMBERS_EVENTS.companyDeactivated)
  async companyDeactivated(@Payload() event: EventEnvelope<CompanySnapshot>): Promise<void> {
    await this.companies.record(event.data);
    // Run again on a redelivery, each step finds nothing left to do.
    const uncoordinated = await this.clusters.dropCoordinator(event.data.companyId);
    const left = await this.memberships.removeCompany(event.data.companyId, (id) => this.clusters.find(id));
    if (left + uncoordinated > 0) {
      this.logger.log(`${event.data.name} left ${left} cluster(s) and the coordination of ${uncoordinated} with the federation`);
    }
  }
}
