import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { CancellationReason, DomainError, ERRORS, EventEnvelope, RegistrationOutcome } from '@grappes/contracts';
import { OneAtATime, inTransaction, isDuplicateKey, withEvents } from '@grappes/messaging';
import { ClientSession, Connection, Model } from 'mongoose';
import { Workshop, WorkshopDocument } from '../workshops/workshop.schema';
import { CancelledRegistration } from './cancelled-registration.schema';
import { registrationEvents } from './registration-events';
import { Registration, RegistrationDocument } from './registration.schema';

const OPEN = { status: 'scheduled' } as const;
const HAS_FREE_SEAT = { $expr: { $lt: ['$confirmed', '$capacity'] } };

/**
 * The seats and the waitlist of workshops. Every change is one transaction
 * that writes the registrations (each with its events in its own outbox)
 * and the workshop's counters together; the counters are changed by conditional `$inc` only, so two
 * instances can never hand out one seat too many, and concurrent cancellations
 * conflict on the workshop document instead of promoting one attendee twice.
 */
@Injectable()
export class Seats {
  private readonly queue = new OneAtATime();

  constructor(
    @InjectConnection() private readonly connection: Connection,
    @InjectModel(Workshop.name) private readonly workshops: Model<WorkshopDocument>,
    @InjectModel(Registration.name) private readonly registrations: Model<RegistrationDocument>,
    @InjectModel(CancelledRegistration.name) private readonly cancelled: Model<CancelledRegistration>,
  ) {}

  /**
   * A seat while there is one, a place at the end of the waitlist after. The
   * registration is written first: its unique key refuses a duplicate before
   * the workshop is touched, and the workshop's counters, which every
   * registration for it writes, are held for as short a time as possible
   * before the commit, so that concurrent registrations rarely collide; and
   * each instance sends the registrations for one workshop one at a time.
   * `holdRights` writes, and checks, what entitles the company to register
   * (its standing, its membership), just before the workshop's counters, for
   * the same reason.
   */
  take(registration: Omit<Registration, 'status' | 'createdAt'>, holdRights: (session: ClientSession) => Promise<void>): Promise<RegistrationOutcome> {
    const { workshopId } = registration;
    const notStarted = { ...OPEN, startsAt: { $gt: new Date() } };
    return this.queue.run(workshopId, () => inTransaction(this.connection, async (session) => {
      try {
        await this.registrations.create([{ ...registration, status: 'confirmed', version: 0, pendingEvents: [] }], { session });
      } catch (error) {
        if (isDuplicateKey(error)) throw new DomainError(ERRORS.REGISTRATION_DUPLICATE, `${registration.attendeeEmail} is registered already`);
        throw error;
      }
      await holdRights(session);
      const seated = await this.bump({ _id: workshopId, ...notStarted, ...HAS_FREE_SEAT }, { confirmed: 1 }, session);
      const workshop = seated ?? (await this.bump({ _id: workshopId, ...notStarted }, { waitlisted: 1, waitTickets: 1 }, session));
      if (!workshop) throw new DomainError(ERRORS.WORKSHOP_STARTED, 'Registrations are closed: the workshop has started or was cancelled');
      const position = seated ? undefined : workshop.waitlisted;
      const placed = seated ? { status: 'confirmed' } : { status: 'waitlisted', waitTicket: workshop.waitTickets };
      const doc = { ...registration, ...placed } as Registration;
      const event = position ? registrationEvents.waitlisted(workshop, doc, position) : registrationEvents.confirmed(workshop, doc);
      await this.registrations.updateOne({ _id: doc._id }, withEvents(placed, [event]), { session });
      return { id: doc._id, status: doc.status, ...(position ? { position } : {}) };
    }));
  }

  /**
   * Cancels a registration and, when it held a seat, gives the seat to the
   * first waitlisted attendee. False when it was cancelled already.
   */
  cancel(registrationId: string, reason: CancellationReason): Promise<boolean> {
    return inTransaction(this.connection, async (session) => {
      const registration = await this.registrations.findOneAndDelete({ _id: registrationId }, { session }).lean<RegistrationDocument>();
      if (!registration) return false;
      const next = registration.status === 'confirmed' ? (await this.waitlistHead(registration.workshopId, 1, session))[0] : undefined;
      const counters: Record<string, number> = registration.status === 'waitlisted' || next ? { waitlisted: -1 } : { confirmed: -1 };
      const workshop = (await this.bump({ _id: registration.workshopId }, counters, session))!;
      await this.archive([registration], reason, session, (r) => [registrationEvents.cancelled(workshop, r, r.version + 1, reason)]);
      if (next) await this.confirm(workshop, next, session);
      return true;
    });
  }

  /** Gives up to `seats` freed seats to the waitlist, in its order. */
  async promote(workshop: WorkshopDocument, seats: number, session: ClientSession): Promise<void> {
    const next = await this.waitlistHead(workshop._id, seats, session);
    if (!next.length) return;
    const after = (await this.bump({ _id: workshop._id }, { confirmed: next.length, waitlisted: -next.length }, session))!;
    for (const registration of next) await this.confirm(after, registration, session);
  }

  /** Moves every registration of a workshop to the archive (the workshop is cancelled); returns them. */
  async cancelAll(workshopId: string, session: ClientSession): Promise<Registration[]> {
    const all = await this.registrations.find({ workshopId }, null, { session }).lean<RegistrationDocument[]>();
    await this.registrations.deleteMany({ workshopId }, { session });
    await this.archive(all, 'workshop-cancelled', session, () => []);
    return all;
  }

  /** Events of the workshop itself travel in its own outbox. */
  async record(workshopId: string, events: EventEnvelope[], session: ClientSession): Promise<void> {
    await this.workshops.updateOne({ _id: workshopId }, { $push: { pendingEvents: { $each: events } } }, { session });
  }

  private waitlistHead(workshopId: string, count: number, session: ClientSession): Promise<RegistrationDocument[]> {
    return this.registrations.find({ workshopId, status: 'waitlisted' }, null, { session }).sort({ waitTicket: 1 }).limit(count).lean<RegistrationDocument[]>();
  }

  /** Another transaction promoting the same attendee conflicts on this write and starts again. */
  private async confirm(workshop: WorkshopDocument, registration: RegistrationDocument, session: ClientSession): Promise<void> {
    const event = registrationEvents.promoted(workshop, registration, registration.version + 1);
    const { matchedCount } = await this.registrations.updateOne(
      { _id: registration._id, status: 'waitlisted' }, withEvents({ status: 'confirmed' }, [event]), { session },
    );
    if (matchedCount !== 1) throw new DomainError(ERRORS.CONCURRENT_CHANGE, 'The waitlist changed meanwhile');
  }

  private bump(filter: object, inc: Record<string, number>, session: ClientSession): Promise<WorkshopDocument | null> {
    return this.workshops.findOneAndUpdate(filter, { $inc: { ...inc, version: 1 } }, { session, returnDocument: 'after' }).lean<WorkshopDocument>();
  }

  private async archive(
    registrations: RegistrationDocument[], reason: CancelledRegistration['reason'], session: ClientSession,
    eventsOf: (r: RegistrationDocument) => EventEnvelope[],
  ): Promise<void> {
    if (!registrations.length) return;
    const cancelledAt = new Date();
    await this.cancelled.insertMany(
      registrations.map((r) => ({
        _id: r._id, workshopId: r.workshopId, attendeeEmail: r.attendeeEmail, attendeeKey: r.attendeeKey, companyId: r.companyId,
        statusWhenCancelled: r.status, reason, registeredAt: r.createdAt, cancelledAt, version: r.version + 1, pendingEvents: eventsOf(r),
      })),
      { session },
    );
  }
}
