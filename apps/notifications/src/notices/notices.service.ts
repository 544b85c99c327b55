import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { EventEnvelope } from '@grappes/contracts';
import { isDuplicateKey } from '@grappes/messaging';
import { Model } from 'mongoose';
import { emailKeyOf } from '../people/known-person.schema';
import { KnownClustersService } from '../clusters/known-clusters.service';
import { KnownPeopleService } from '../people/known-people.service';
import { KnownRegistration } from '../workshops/known-registration.schema';
import { KnownWorkshopsService } from '../workshops/known-workshops.service';
import { Address, noticeFilter } from './address';
import { Addressing, addressingOf, notificationTypeOf } from './audiences';
import { Channels } from './channels';
import { Notice } from './notice.schema';

/**
 * Tells everyone an event concerns (audiences.ts), whatever the order in which
 * the events arrive: a notice is written before its audience is read, and a
 * person (or a registration) is written before the notices are read, so that
 * whichever comes second finds the other. The channels' unique keys make a
 * person found by both sides, or by a redelivered event, told once.
 */
@Injectable()
export class NoticesService {
  constructor(
    @InjectModel(Notice.name) private readonly notices: Model<Notice>,
    private readonly people: KnownPeopleService,
    private readonly clusters: KnownClustersService,
    private readonly workshops: KnownWorkshopsService,
    private readonly channels: Channels,
  ) {}

  /** Every message of an event, to everyone it concerns now. */
  async announce(event: EventEnvelope): Promise<void> {
    for (const addressing of addressingOf(event)) {
      const notice = await this.record(event, addressing);
      const people = await this.people.addressedBy(notice);
      for (const person of people) await this.channels.toPerson(notice, person);
      const accounts = new Set(people.map((p) => p.email));
      for (const address of notice.emails.filter((a) => !accounts.has(a) && !notice.except.includes(a))) {
        await this.channels.toAddress(notice, address);
      }
    }
  }

  /** A person recorded now hears of the notices meant for them whose events were handled before. */
  async personArrived(personId: string): Promise<void> {
    const person = await this.people.activePerson(personId);
    if (!person) return;
    for (const notice of await this.notices.find(noticeFilter(person)).lean<Notice[]>()) await this.channels.toPerson(notice, person);
  }

  /** A registration recorded now hears of the changes to its workshop made while it held, handled before it. */
  async registrantArrived(registration: KnownRegistration): Promise<void> {
    if (!registration.registeredAt) return;
    const during = { $gte: registration.registeredAt, ...(registration.endedAt ? { $lt: registration.endedAt } : {}) };
    const missed = await this.notices.find({ workshopId: registration.workshopId, at: during }, { _id: 1 }).lean<Notice[]>();
    if (!missed.length) return;
    // Named in the notice, the attendee is found again if their account is recorded later still.
    await this.notices.updateMany({ _id: { $in: missed.map((n) => n._id) } }, { $addToSet: { emails: registration.email } });
    const [person] = await this.people.activeByEmail([registration.email]);
    for (const notice of await this.notices.find({ _id: { $in: missed.map((n) => n._id) } }).lean<Notice[]>()) {
      if (person) await this.channels.toPerson(notice, person);
      else await this.channels.toAddress(notice, registration.email);
    }
  }

  /**
   * The notice of one message of an event, its address fixed by the first
   * handling: a redelivery reaches the same people, not those who came since.
   */
  private async record(event: EventEnvelope, addressing: Addressing): Promise<Notice> {
    const _id = `${event.id}:${addressing.kind}`;
    const at = new Date(addressing.at ?? event.time);
    const { address, workshopId } = await this.resolve(addressing, at);
    const fields = { eventId: event.id, kind: addressing.kind, type: notificationTypeOf(event), event, ...address, workshopId, createdAt: new Date() };
    let notice = await this.notices
      .findOneAndUpdate({ _id }, { $setOnInsert: fields }, { upsert: true, returnDocument: 'after' })
      .lean<Notice>()
      .catch(async (error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
        return this.notices.findById(_id).lean<Notice>();
      });
    if (workshopId) {
      // Read after the notice is written: a registration recorded meanwhile finds the notice instead.
      const registrants = await this.workshops.registrantsAt(workshopId, at);
      notice = await this.notices.findOneAndUpdate({ _id }, { $addToSet: { emails: { $each: registrants } } }, { returnDocument: 'after' }).lean<Notice>();
    }
    return notice!;
  }

  private async resolve(addressing: Addressing, at: Date): Promise<{ address: Address; workshopId?: string }> {
    const address: Address = {
      staff: false, companies: [], adminsOf: [], anyCompany: false, emails: [], except: (addressing.except ?? []).map(emailKeyOf), at,
    };
    let workshopId: string | undefined;
    for (const audience of addressing.to) {
      if ('staff' in audience) address.staff = true;
      else if ('peopleOf' in audience) address.companies.push(audience.peopleOf);
      else if ('adminsOf' in audience) address.adminsOf.push(audience.adminsOf);
      else if ('emails' in audience) address.emails.push(...audience.emails.map(emailKeyOf));
      else if ('registrantsOf' in audience) workshopId = audience.registrantsOf;
      else if ('coordinatorOf' in audience) {
        const coordinator = await this.clusters.coordinatorOf(audience.coordinatorOf);
        if (coordinator) address.adminsOf.push(coordinator);
      } else if (audience.peopleOfCluster) address.companies.push(...(await this.clusters.companiesOf(audience.peopleOfCluster)));
      else address.anyCompany = true;
    }
    return { address, workshopId };
  }
}
