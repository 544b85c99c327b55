import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  DomainError, ERRORS, Page, Principal, ScheduleWorkshop, WORKSHOPS_EVENTS, WorkshopQuery, WorkshopView, isCoordinator, isFederationAdmin, pageOf,
} from '@grappes/contracts';
import { createEvent } from '@grappes/messaging';
import { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { KnownCluster } from '../clusters/known-cluster.schema';
import { KnownClustersService } from '../clusters/known-clusters.service';
import { Workshop, WorkshopDocument } from './workshop.schema';

@Injectable()
export class WorkshopsService {
  constructor(
    @InjectModel(Workshop.name) private readonly workshops: Model<WorkshopDocument>,
    private readonly clusters: KnownClustersService,
  ) {}

  /** Federation staff schedule any workshop; a cluster's coordinator, the workshops of that cluster. */
  async schedule(input: ScheduleWorkshop, principal: Principal): Promise<WorkshopView> {
    const cluster = input.clusterId ? await this.clusterOf(input.clusterId, principal) : undefined;
    this.assertManages(principal, cluster);
    const _id = randomUUID();
    const event = createEvent(WORKSHOPS_EVENTS.workshopScheduled, { subject: `workshops/${_id}`, version: 1 }, {
      workshopId: _id, title: input.title, theme: input.theme, clusterId: input.clusterId, clusterName: cluster?.name,
      startsAt: new Date(input.startsAt).toISOString(), endsAt: new Date(input.endsAt).toISOString(), location: input.location,
      capacity: input.capacity, sequence: 0, version: 1,
    });
    const times = { startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) };
    return toView(await this.workshops.create({ _id, ...input, ...times, version: 1, pendingEvents: [event] }));
  }

  /** Federation staff manage every workshop; a cluster's coordinator, the workshops of that cluster. */
  async assertMayManage(workshop: Pick<Workshop, 'clusterId'>, principal: Principal): Promise<void> {
    if (isFederationAdmin(principal)) return;
    this.assertManages(principal, workshop.clusterId ? await this.clusterOf(workshop.clusterId, principal) : undefined);
  }

  /** Whether the caller coordinates the workshop's cluster (federation staff aside). */
  async coordinatesClusterOf(workshop: Pick<Workshop, 'clusterId'>, principal: Principal): Promise<boolean> {
    return !!workshop.clusterId && isCoordinator(principal, (await this.clusterOf(workshop.clusterId, principal)).coordinatorCompanyId);
  }

  private assertManages(principal: Principal, cluster?: Pick<KnownCluster, 'coordinatorCompanyId'>): void {
    if (!isFederationAdmin(principal) && !isCoordinator(principal, cluster?.coordinatorCompanyId)) {
      throw new DomainError(ERRORS.FORBIDDEN, "Only federation staff and the cluster's coordinator manage workshops");
    }
  }

  private clusterOf(clusterId: string, principal: Principal): Promise<Pick<KnownCluster, 'name' | 'coordinatorCompanyId'>> {
    return this.clusters.find(clusterId, principal);
  }

  async list(query: WorkshopQuery): Promise<Page<WorkshopView>> {
    const { page, limit, skip } = pageOf(query);
    const startsAt = { ...(query.from ? { $gte: new Date(query.from) } : {}), ...(query.to ? { $lt: new Date(query.to) } : {}) };
    const filter = {
      ...(query.clusterId ? { clusterId: query.clusterId } : {}),
      ...(query.theme ? { theme: query.theme } : {}),
      ...(query.from || query.to ? { startsAt } : {}),
    };
    const [items, total] = await Promise.all([
      this.workshops.find(filter).sort({ startsAt: 1, _id: 1 }).skip(skip).limit(limit).lean<WorkshopDocument[]>(),
      this.workshops.countDocuments(filter),
    ]);
    return { items: items.map(toView), total, page, limit };
  }

  async get(workshopId: string): Promise<WorkshopView> {
    return toView(await this.find(workshopId));
  }

  async find(workshopId: string): Promise<WorkshopDocument> {
    const workshop = await this.workshops.findById(workshopId).lean<WorkshopDocument>();
    if (!workshop) throw new DomainError(ERRORS.WORKSHOP_NOT_FOUND, `No workshop ${workshopId}`);
    return workshop;
  }
}

export function toView(w: WorkshopDocument): WorkshopView {
  return {
    id: w._id, title: w.title, theme: w.theme, clusterId: w.clusterId,
    startsAt: w.startsAt.toISOString(), endsAt: w.endsAt.toISOString(), location: w.location, capacity: w.capacity,
    description: w.description, status: w.status,
    seats: { capacity: w.capacity, confirmed: w.confirmed, waitlisted: w.waitlisted }, sequence: w.sequence ?? 0,
  };
}
