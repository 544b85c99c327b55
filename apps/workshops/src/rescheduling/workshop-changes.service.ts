import { inTransaction } from '@grappes/messaging';
import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { DomainError, ERRORS, EditWorkshop, Principal, WorkshopView } from '@grappes/contracts';
import { ClientSession, Connection, Model } from 'mongoose';
import { Seats } from '../registrations/seats';
import { workshopEvents } from '../workshops/workshop-events';
import { Workshop, WorkshopDocument } from '../workshops/workshop.schema';
import { WorkshopsService, toView } from '../workshops/workshops.service';

/** Rescheduling, editing and cancelling a workshop, until it has ended. */
@Injectable()
export class WorkshopChangesService {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    @InjectModel(Workshop.name) private readonly model: Model<WorkshopDocument>,
    private readonly workshops: WorkshopsService,
    private readonly seats: Seats,
  ) {}

  /** Emits `workshop-rescheduled` when the time or place moves; a larger capacity promotes from the waitlist. */
  async edit({ workshopId, ...changes }: EditWorkshop, principal: Principal): Promise<WorkshopView> {
    const current = await this.workshops.find(workshopId);
    await this.workshops.assertMayManage(current, principal);
    const startsAt = changes.startsAt ? new Date(changes.startsAt) : current.startsAt;
    const endsAt = changes.endsAt ? new Date(changes.endsAt) : current.endsAt;
    if (endsAt <= startsAt) {
      throw new DomainError(ERRORS.VALIDATION_FAILED, 'The request is not valid', [{ field: 'endsAt', problems: ['endsAt must be after startsAt'] }]);
    }
    const set = { ...changes, startsAt, endsAt };
    const moved = startsAt.getTime() !== current.startsAt.getTime() || endsAt.getTime() !== current.endsAt.getTime()
      || (changes.location !== undefined && changes.location !== current.location);
    const capacity = changes.capacity !== undefined ? { confirmed: { $lte: changes.capacity } } : {};
    return inTransaction(this.connection, async (session) => {
      const edited = await this.change(workshopId, { ...capacity }, { $set: set }, session);
      if (!edited) throw await this.refusal(workshopId, session, changes.capacity);
      if (moved) await this.seats.record(workshopId, [workshopEvents.rescheduled(edited)], session);
      if (edited.waitlisted > 0 && edited.capacity > edited.confirmed) await this.seats.promote(edited, edited.capacity - edited.confirmed, session);
      return toView((await this.model.findById(workshopId, null, { session }).lean<WorkshopDocument>())!);
    });
  }

  /** Cancels the workshop and every registration to it; `workshop-cancelled` names the attendees. */
  cancel(workshopId: string, principal: Principal): Promise<WorkshopView> {
    return this.workshops.find(workshopId).then(async (current) => {
      await this.workshops.assertMayManage(current, principal);
      return inTransaction(this.connection, async (session) => {
        const cancelled = await this.change(workshopId, {}, { $set: { status: 'cancelled', confirmed: 0, waitlisted: 0 } }, session);
        if (!cancelled) throw await this.refusal(workshopId, session);
        const ended = await this.seats.cancelAll(workshopId, session);
        const attendees = ended.map((r) => ({ registrationId: r._id, attendeeEmail: r.attendeeEmail, companyId: r.companyId }));
        await this.seats.record(workshopId, [workshopEvents.cancelled(cancelled, attendees)], session);
        return toView(cancelled);
      });
    });
  }

  /** Changes a workshop that is neither cancelled nor over, and raises its calendar SEQUENCE. */
  private change(workshopId: string, condition: object, update: object, session: ClientSession): Promise<WorkshopDocument | null> {
    const filter: object = { _id: workshopId, status: 'scheduled', endsAt: { $gt: new Date() }, ...condition };
    return this.model.findOneAndUpdate(filter, { ...update, $inc: { version: 1, sequence: 1 } }, { session, returnDocument: 'after' }).lean<WorkshopDocument>();
  }

  private async refusal(workshopId: string, session: ClientSession, capacity?: number): Promise<DomainError> {
    const w = (await this.model.findById(workshopId, null, { session }).lean<WorkshopDocument>())!;
    if (w.status === 'cancelled') return new DomainError(ERRORS.WORKSHOP_CANCELLED, 'The workshop is cancelled');
    if (w.endsAt.getTime() <= Date.now()) return new DomainError(ERRORS.WORKSHOP_ENDED, 'The workshop has ended');
    return new DomainError(ERRORS.WORKSHOP_CAPACITY_BELOW_CONFIRMED, `${w.confirmed} seats are confirmed: the capacity cannot go below`, {
      confirmed: w.confirmed, capacity,
    });
  }
}
