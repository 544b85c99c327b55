import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { CalendarFile, Principal } from '@grappes/contracts';
import { Model } from 'mongoose';
import { KnownClustersService } from '../clusters/known-clusters.service';
import { CancelledRegistration } from '../registrations/cancelled-registration.schema';
import { Registration, attendeeKeyOf } from '../registrations/registration.schema';
import { Workshop, WorkshopDocument } from '../workshops/workshop.schema';
import { WorkshopsService } from '../workshops/workshops.service';
import { WorkshopsConfig } from '../workshops.config';
import { CalendarTokensService } from './calendar-tokens.service';
import { CalendarEntry, CalendarMethod, icalendar } from '@grappes/calendar';

@Injectable()
export class CalendarsService {
  constructor(
    @InjectModel(Workshop.name) private readonly workshopModel: Model<WorkshopDocument>,
    @InjectModel(Registration.name) private readonly registrations: Model<Registration>,
    @InjectModel(CancelledRegistration.name) private readonly cancelled: Model<CancelledRegistration>,
    private readonly workshops: WorkshopsService,
    private readonly clusters: KnownClustersService,
    private readonly tokens: CalendarTokensService,
    private readonly config: WorkshopsConfig,
  ) {}

  /** One workshop, as an invitation: `METHOD:CANCEL` once it is cancelled. */
  async workshop(workshopId: string): Promise<CalendarFile> {
    const workshop = await this.workshops.find(workshopId);
    return this.file([workshop], workshop.status === 'cancelled' ? 'CANCEL' : 'REQUEST', workshop.title);
  }

  /** The cluster's workshops, cancelled ones included and marked. */
  async cluster(clusterId: string, principal: Principal): Promise<CalendarFile> {
    const cluster = await this.clusters.find(clusterId, principal);
    return this.file(await this.workshopModel.find({ clusterId }).sort({ startsAt: 1 }).lean<WorkshopDocument[]>(), 'PUBLISH', cluster.name);
  }

  /** The feed behind a private URL: the workshops the person is registered for, and those of their company's clusters. */
  async personal(token: string): Promise<CalendarFile> {
    const owner = await this.tokens.owner(token);
    const attendeeKey = attendeeKeyOf(owner.email);
    const [registered, cancelledWithWorkshop, clusterIds] = await Promise.all([
      this.registrations.distinct('workshopId', { attendeeKey }),
      this.cancelled.distinct('workshopId', { attendeeKey, reason: 'workshop-cancelled' }),
      owner.companyId ? this.clusters.clustersOf(owner.companyId) : Promise.resolve([]),
    ]);
    const workshops = await this.workshopModel
      .find({ $or: [{ _id: { $in: [...registered, ...cancelledWithWorkshop] } }, { clusterId: { $in: clusterIds } }] })
      .sort({ startsAt: 1 }).lean<WorkshopDocument[]>();
    return this.file(workshops, 'PUBLISH', 'Grappes');
  }

  private file(workshops: WorkshopDocument[], method: CalendarMethod, name: string): CalendarFile {
    return { ics: icalendar(workshops.map(entryOf), method, name, this.config.CALENDAR_ORGANIZER_EMAIL) };
  }
}

function entryOf(w: WorkshopDocument): CalendarEntry {
  return {
    id: w._id, title: w.title, description: w.description, location: w.location, startsAt: w.startsAt, endsAt: w.endsAt,
    cancelled: w.status === 'cancelled', sequence: w.sequence ?? 0, changedAt: w.updatedAt ?? w.createdAt,
  };
}
