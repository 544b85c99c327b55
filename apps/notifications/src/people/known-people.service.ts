import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { PersonRemoved, PersonSnapshot } from '@grappes/contracts';
import { applyIfNewer, isDuplicateKey } from '@grappes/messaging';
import { Model } from 'mongoose';
import { Address, recipientFilter } from '../notices/address';
import { DepartedCompany } from './departed-company.schema';
import { KnownPerson, emailKeyOf } from './known-person.schema';

/** This service's view of the people who can be notified, kept from the members events. */
@Injectable()
export class KnownPeopleService {
  constructor(
    @InjectModel(KnownPerson.name) private readonly recipients: Model<KnownPerson>,
    @InjectModel(DepartedCompany.name) private readonly departed: Model<DepartedCompany>,
  ) {}

  /**
   * Records a person as their latest event describes them (`addedAt` from
   * `person-added`), unless their company left the federation: its
   * `company-deactivated` may have been handled first (a retried event comes
   * back late). Written first, then checked, as `companyLeft` does the other
   * way round, so that one of the two always sees the other.
   */
  async recordPerson(person: PersonSnapshot, addedAt?: Date): Promise<void> {
    const { personId, email, firstName, lastName, role, companyId, locale, version } = person;
    await applyIfNewer(this.recipients, personId, version, {
      email: emailKeyOf(email), name: `${firstName} ${lastName}`, role, companyId, removed: false, locale: locale ?? null,
    });
    // Whichever of the person's events came first: when they were added decides which notices are theirs.
    if (addedAt) await this.recipients.updateOne({ _id: personId }, { $min: { addedAt } });
    if (companyId && (await this.departed.exists({ _id: companyId }))) {
      await this.recipients.updateOne({ _id: personId }, { $set: { removed: true } });
    }
  }

  /** The person, if they can be notified. */
  activePerson(personId: string): Promise<KnownPerson | null> {
    return this.recipients.findOne({ _id: personId, removed: false }).lean<KnownPerson>();
  }

  /** The account holders among these e-mails (`emailKeyOf`), if they can be notified. */
  activeByEmail(emails: string[]): Promise<KnownPerson[]> {
    return emails.length ? this.recipients.find({ email: { $in: emails }, removed: false }).lean<KnownPerson[]>() : Promise.resolve([]);
  }

  removePerson(person: PersonRemoved): Promise<void> {
    return applyIfNewer(this.recipients, person.personId, person.version, { email: emailKeyOf(person.email), removed: true });
  }

  /** The people an address reaches now. */
  addressedBy(address: Address): Promise<KnownPerson[]> {
    const filter = recipientFilter(address);
    return filter ? this.recipients.find(filter).lean<KnownPerson[]>() : Promise.resolve([]);
  }

  /** The people of a company that left the federation hear nothing more, including those whose event is still on its way. */
  async companyLeft(companyId: string): Promise<void> {
    await this.departed.updateOne({ _id: companyId }, { $setOnInsert: { at: new Date() } }, { upsert: true }).catch((error: unknown) => {
      if (!isDuplicateKey(error)) throw error;
    });
    await this.recipients.updateMany({ companyId }, { $set: { removed: true } });
  }
}
