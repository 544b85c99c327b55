import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { RegistrationFact, WorkshopSnapshot } from '@grappes/contracts';
import { applyIfNewer } from '@grappes/messaging';
import { Model } from 'mongoose';
import { emailKeyOf } from '../people/known-person.schema';
import { KnownRegistration } from './known-registration.schema';
import { KnownWorkshop } from './known-workshop.schema';

/** This service's view of workshops and their registrations, fed by the workshops events. */
@Injectable()
export class KnownWorkshopsService {
  constructor(
    @InjectModel(KnownWorkshop.name) private readonly workshops: Model<KnownWorkshop>,
    @InjectModel(KnownRegistration.name) private readonly registrations: Model<KnownRegistration>,
  ) {}

  recordWorkshop(workshop: WorkshopSnapshot, changedAt: Date, cancelled = false): Promise<void> {
    const { workshopId, title, clusterName, startsAt, endsAt, location, sequence, version } = workshop;
    return applyIfNewer(this.workshops, workshopId, version, {
      title, clusterName, startsAt: new Date(startsAt), endsAt: new Date(endsAt), location, sequence: sequence ?? 0, cancelled, changedAt,
    });
  }

  workshop(workshopId: string): Promise<KnownWorkshop | null> {
    return this.workshops.findById(workshopId).lean<KnownWorkshop>();
  }

  /**
   * A registration's confirmed, waitlisted or promoted event. The earliest
   * event time is when it began, whatever order its events arrive in.
   */
  async recordRegistration(fact: RegistrationFact, at: Date, begins: boolean): Promise<KnownRegistration> {
    await applyIfNewer(this.registrations, fact.registrationId, fact.version, this.stateOf(fact));
    if (begins) await this.registrations.updateOne({ _id: fact.registrationId }, { $min: { registeredAt: at } });
    return (await this.registrations.findById(fact.registrationId).lean<KnownRegistration>())!;
  }

  async recordCancellation(fact: RegistrationFact, at: Date): Promise<void> {
    await applyIfNewer(this.registrations, fact.registrationId, fact.version, { ...this.stateOf(fact), endedAt: at });
  }

  /** A cancelled workshop ends every registration to it, including those whose events are still on their way. */
  async recordWorkshopCancelled(workshop: WorkshopSnapshot, at: Date): Promise<void> {
    await this.recordWorkshop(workshop, at, true);
    await this.registrations.updateMany({ workshopId: workshop.workshopId, endedAt: { $exists: false } }, { $set: { endedAt: at } });
  }

  /** The e-mails (`emailKeyOf`) of those registered to a workshop at a moment. */
  async registrantsAt(workshopId: string, at: Date): Promise<string[]> {
    const held = await this.registrations
      .find({ workshopId, registeredAt: { $lte: at }, $or: [{ endedAt: { $exists: false } }, { endedAt: { $gt: at } }] }, { email: 1 })
      .lean<KnownRegistration[]>();
    return [...new Set(held.map((r) => r.email))];
  }

  private stateOf(fact: RegistrationFact) {
    return { workshopId: fact.workshopId, email: emailKeyOf(fact.attendeeEmail), companyId: fact.companyId, status: fact.status };
  }
}
