import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  DomainError, ERRORS, Page, Principal, Register, RegistrationOutcome, RegistrationQuery, RegistrationRef, RegistrationView, isFederationAdmin, pageOf,
} from '@grappes/contracts';
import { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { KnownClustersService } from '../clusters/known-clusters.service';
import { WorkshopDocument } from '../workshops/workshop.schema';
import { WorkshopsService } from '../workshops/workshops.service';
import { CompanyStandings } from './company-standings';
import { Registration, attendeeKeyOf } from './registration.schema';
import { Seats } from './seats';

@Injectable()
export class RegistrationsService {
  constructor(
    @InjectModel(Registration.name) private readonly registrations: Model<Registration>,
    private readonly standings: CompanyStandings,
    private readonly workshops: WorkshopsService,
    private readonly clusters: KnownClustersService,
    private readonly seats: Seats,
  ) {}

  /**
   * A person registers an attendee of their own company (federation staff, of
   * any company). The company's standing, and its membership for a cluster's
   * workshop, are checked here to refuse at once, and held again inside the
   * registration's transaction, where a departure handled meanwhile conflicts
   * with them.
   */
  async register(input: Register, principal: Principal): Promise<RegistrationOutcome> {
    if (!isFederationAdmin(principal) && principal.companyId !== input.companyId) {
      throw new DomainError(ERRORS.FORBIDDEN, 'You may register only people of your own company');
    }
    const workshop = await this.workshops.find(input.workshopId);
    assertOpen(workshop);
    const { companyId } = input;
    const { clusterId } = workshop;
    await this.standings.assertActive(companyId);
    if (clusterId) await this.clusters.assertMember(clusterId, companyId, principal);
    const attendeeEmail = input.attendeeEmail.normalize('NFC');
    const registration = { _id: randomUUID(), workshopId: workshop._id, attendeeEmail, attendeeKey: attendeeKeyOf(attendeeEmail), companyId };
    return this.seats.take(registration, async (session) => {
      await this.standings.hold(companyId, session);
      if (clusterId) await this.clusters.holdMembership(clusterId, companyId, session);
    });
  }

  /** Federation staff and the coordinator see every registration; a company's people, their company's. */
  async list(query: RegistrationQuery, principal: Principal): Promise<Page<RegistrationView>> {
    const workshop = await this.workshops.find(query.workshopId);
    const seesAll = isFederationAdmin(principal) || (await this.workshops.coordinatesClusterOf(workshop, principal));
    if (!seesAll && !principal.companyId) throw new DomainError(ERRORS.FORBIDDEN, 'Only people of member companies see registrations');
    const filter = { workshopId: workshop._id, ...(seesAll ? {} : { companyId: principal.companyId }) };
    const { page, limit, skip } = pageOf(query);
    const [items, total, waitlist] = await Promise.all([
      this.registrations.find(filter).sort({ status: 1, waitTicket: 1, createdAt: 1, _id: 1 }).skip(skip).limit(limit).lean<Registration[]>(),
      this.registrations.countDocuments(filter),
      this.waitlistOrder(workshop._id),
    ]);
    return { items: items.map((r) => toView(r, waitlist)), total, page, limit };
  }

  /** The attendee's company or federation staff cancel; the first waitlisted attendee takes the seat. */
  async cancel({ workshopId, registrationId }: RegistrationRef, principal: Principal): Promise<void> {
    const registration = await this.registrations.findOne({ _id: registrationId, workshopId }).lean<Registration>();
    if (!registration) throw new DomainError(ERRORS.REGISTRATION_NOT_FOUND, `No registration ${registrationId}`);
    if (!isFederationAdmin(principal) && principal.companyId !== registration.companyId) {
      throw new DomainError(ERRORS.FORBIDDEN, "Only the attendee's company may cancel this registration");
    }
    assertOpen(await this.workshops.find(workshopId));
    if (!(await this.seats.cancel(registrationId, 'attendee'))) {
      throw new DomainError(ERRORS.REGISTRATION_NOT_FOUND, `No registration ${registrationId}`);
    }
  }

  /** Waitlist tickets in order: an attendee's position is the rank of its ticket. */
  private async waitlistOrder(workshopId: string): Promise<Map<number, number>> {
    const waiting = await this.registrations
      .find({ workshopId, status: 'waitlisted' }, { waitTicket: 1 }).sort({ waitTicket: 1 }).lean<Pick<Registration, 'waitTicket'>[]>();
    return new Map(waiting.map((r, index) => [r.waitTicket!, index + 1]));
  }
}

function assertOpen(workshop: WorkshopDocument): void {
  if (workshop.status === 'cancelled') throw new DomainError(ERRORS.WORKSHOP_CANCELLED, 'The workshop is cancelled');
  if (workshop.startsAt.getTime() <= Date.now()) throw new DomainError(ERRORS.WORKSHOP_STARTED, 'The workshop has started: registrations are closed');
}

function toView(r: Registration, waitlist: Map<number, number>): RegistrationView {
  const position = r.status === 'waitlisted' ? waitlist.get(r.waitTicket!) : undefined;
  return {
    id: r._id, attendeeEmail: r.attendeeEmail, companyId: r.companyId, status: r.status,
    ...(position ? { position } : {}), ...(r.attended !== undefined ? { attended: r.attended } : {}),
  };
}
