import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { AttendanceOutcome, ClusterAttendance, DomainError, ERRORS, Principal, RecordAttendance, WORKSHOPS_EVENTS } from '@grappes/contracts';
import { createEvent, inTransaction } from '@grappes/messaging';
import { Connection, Model } from 'mongoose';
import { Workshop, WorkshopDocument } from '../workshops/workshop.schema';
import { WorkshopsService } from '../workshops/workshops.service';
import { Registration } from './registration.schema';
import { Seats } from './seats';

@Injectable()
export class AttendanceService {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    @InjectModel(Workshop.name) private readonly workshopModel: Model<WorkshopDocument>,
    @InjectModel(Registration.name) private readonly registrations: Model<Registration>,
    private readonly workshops: WorkshopsService,
    private readonly seats: Seats,
  ) {}

  /** Who came, once the workshop has started; recording again replaces the previous record. */
  async record({ workshopId, registrationIds }: RecordAttendance, principal: Principal): Promise<AttendanceOutcome> {
    const workshop = await this.workshops.find(workshopId);
    await this.workshops.assertMayManage(workshop, principal);
    if (workshop.status === 'cancelled') throw new DomainError(ERRORS.WORKSHOP_CANCELLED, 'The workshop is cancelled');
    if (workshop.startsAt.getTime() > Date.now()) throw new DomainError(ERRORS.WORKSHOP_NOT_STARTED, 'Attendance is recorded once the workshop has started');
    const ids = [...new Set(registrationIds)];
    return inTransaction(this.connection, async (session) => {
      const came = await this.registrations.find({ workshopId, _id: { $in: ids }, status: 'confirmed' }, null, { session }).lean<Registration[]>();
      if (came.length !== ids.length) {
        const known = new Set(came.map((r) => r._id));
        throw new DomainError(ERRORS.REGISTRATION_NOT_CONFIRMED, 'Only confirmed registrations of this workshop can attend', {
          registrationIds: ids.filter((id) => !known.has(id)),
        });
      }
      await this.registrations.updateMany({ workshopId, status: 'confirmed' }, { $set: { attended: false } }, { session });
      await this.registrations.updateMany({ workshopId, _id: { $in: ids } }, { $set: { attended: true } }, { session });
      const after = (await this.workshopModel
        .findOneAndUpdate({ _id: workshopId }, { $set: { attended: ids.length, attendanceRecordedAt: new Date() }, $inc: { version: 1 } }, { session, returnDocument: 'after' })
        .lean<WorkshopDocument>())!;
      const attendees = came.map((r) => ({ registrationId: r._id, attendeeEmail: r.attendeeEmail, companyId: r.companyId }));
      await this.seats.record(workshopId, [
        createEvent(WORKSHOPS_EVENTS.attendanceRecorded, { subject: `workshops/${workshopId}`, version: after.version }, {
          workshopId, workshopTitle: after.title, clusterId: after.clusterId, attendees, version: after.version,
        }),
      ], session);
      return { attended: ids.length };
    });
  }

  /** Recorded attendance summed per cluster (`null`: workshops open to every member). */
  async byCluster(): Promise<ClusterAttendance[]> {
    const rows = await this.workshopModel.aggregate<{ _id: string | null; workshops: number; attended: number }>([
      { $match: { attendanceRecordedAt: { $exists: true } } },
      { $group: { _id: '$clusterId', workshops: { $sum: 1 }, attended: { $sum: '$attended' } } },
      { $sort: { _id: 1 } },
    ]);
    return rows.map(({ _id, workshops, attended }) => ({ clusterId: _id ?? null, workshops, attended }));
  }
}
