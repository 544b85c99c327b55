import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { InjectModel } from '@nestjs/mongoose';
import { CLUSTERS_EVENTS, CancellationReason, CompanyLeftCluster, CompanySnapshot, EventEnvelope, MEMBERS_EVENTS } from '@grappes/contracts';
import { OnEvent } from '@grappes/messaging';
import { Model } from 'mongoose';
import { KnownClustersService } from '../clusters/known-clusters.service';
import { Workshop, WorkshopDocument } from '../workshops/workshop.schema';
import { CompanyStandings } from './company-standings';
import { Registration } from './registration.schema';
import { Seats } from './seats';

/**
 * A company that leaves a cluster, or the federation, gives up its seats in the
 * workshops still to come; the waitlist moves up. Run twice, the second run
 * finds nothing left to cancel; run late, a company that rejoined since keeps
 * its registrations, and workshops already started keep their attendees.
 * The departure is written before the pass, and a registration still in
 * flight conflicts with it in the database (`CompanyStanding`,
 * `KnownClustersService.holdMembership`): it either commits before the write, and the pass
 * cancels it, or starts again after it and is refused.
 */
@Controller()
export class CompanyDeparturesEventHandlers {
  constructor(
    @InjectModel(Workshop.name) private readonly workshops: Model<WorkshopDocument>,
    @InjectModel(Registration.name) private readonly registrations: Model<Registration>,
    private readonly standings: CompanyStandings,
    private readonly clusters: KnownClustersService,
    private readonly seats: Seats,
  ) {}

  @OnEvent(CLUSTERS_EVENTS.companyLeftCluster)
  async leftCluster(@Payload() { data }: EventEnvelope<CompanyLeftCluster>): Promise<void> {
    if (await this.clusters.recordMembership(data, false)) return;
    const workshopIds = await this.upcoming({ clusterId: data.clusterId });
    await this.cancelEach({ companyId: data.companyId, workshopId: { $in: workshopIds } }, 'company-left-cluster');
  }

  @OnEvent(MEMBERS_EVENTS.companyDeactivated)
  async deactivated(@Payload() { data }: EventEnvelope<CompanySnapshot>): Promise<void> {
    await this.standings.recordDeparture(data.companyId, data.version);
    const registeredIn = await this.registrations.distinct('workshopId', { companyId: data.companyId });
    const workshopIds = await this.upcoming({ _id: { $in: registeredIn } });
    await this.cancelEach({ companyId: data.companyId, workshopId: { $in: workshopIds } }, 'company-deactivated');
  }

  private upcoming(filter: object): Promise<string[]> {
    return this.workshops.distinct('_id', { ...filter, status: 'scheduled', startsAt: { $gt: new Date() } });
  }

  /** Waitlisted ones first, so that no one is promoted into a seat only to lose it a moment later. */
  private async cancelEach(filter: object, reason: CancellationReason): Promise<void> {
    const doomed = await this.registrations.find(filter, { _id: 1 }).sort({ status: -1 }).lean<Pick<Registration, '_id'>[]>();
    for (const { _id } of doomed) await this.seats.cancel(_id, reason);
  }
}
