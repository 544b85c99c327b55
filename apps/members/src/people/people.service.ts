import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import {
  AccountView, AddPersonRequest, Credentials, DEFAULT_LOCALE, DomainError, ERRORS, Locale, MEMBERS_EVENTS, PersonRef, PersonSnapshot, PersonView,
  Principal, Role, assertActsForCompany,
} from '@grappes/contracts';
import { createEvent, inTransaction, isDuplicateKey, withEvents } from '@grappes/messaging';
import { Connection, Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { CompaniesService } from '../companies/companies.service';
import { MembersConfig } from '../members.config';
import { hashPassword } from './password';
import { PasswordHashing } from './password-hashing';
import { removalRecord } from './person-removal';
import { Person, PersonDocument } from './person.schema';
import { RemovedPerson, RemovedPersonDocument } from './removed-person.schema';

interface NewAccount {
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  companyId?: string;
  password: string;
  locale?: Locale;
}

@Injectable()
export class PeopleService implements OnApplicationBootstrap {
  private readonly logger = new Logger(PeopleService.name);
  /** Compared against when the e-mail is unknown, so both failures take the same time; drawn at the current cost. */
  private decoyHash?: Promise<string>;
  private readonly hashing: PasswordHashing;

  constructor(
    @InjectModel(Person.name) private readonly people: Model<PersonDocument>,
    @InjectModel(RemovedPerson.name) private readonly removedPeople: Model<RemovedPersonDocument>,
    @InjectConnection() private readonly connection: Connection,
    private readonly companies: CompaniesService,
    @Inject(MembersConfig) private readonly config: MembersConfig,
  ) {
    this.hashing = new PasswordHashing(config.PASSWORD_HASH_COST_LOG2, config.PASSWORD_HASH_CONCURRENCY);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.decoy(); // drawn now, so that no login pays for it
    const admin = this.config.bootstrapAdmin;
    if (await this.people.exists({ email: admin.email.toLowerCase() })) return;
    try {
      await this.create({ ...admin, firstName: 'Federation', lastName: 'Admin', role: 'federation-admin' });
      this.logger.log(`Bootstrap federation admin created: ${admin.email}`);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === ERRORS.PERSON_EMAIL_TAKEN.code)) throw error;
    }
  }

  /** An account for a person of a company, opened by federation staff or the company's admins. */
  async add({ companyId, ...person }: AddPersonRequest, principal: Principal): Promise<PersonView> {
    assertActsForCompany(principal, companyId, true);
    const company = await this.companies.find(companyId);
    if (company.status === 'left') throw new DomainError(ERRORS.COMPANY_NOT_ACTIVE, `${company.name} has left the federation`);
    return toPersonView(await this.create({ ...person, companyId }));
  }

  async list(companyId: string, principal: Principal): Promise<PersonView[]> {
    assertActsForCompany(principal, companyId);
    await this.companies.find(companyId);
    const people = await this.people.find({ companyId }).sort({ lastName: 1, firstName: 1 }).lean<PersonDocument[]>();
    return people.map(toPersonView);
  }

  /**
   * Closes the account: deletes it and archives it with its person-removed
   * event, in one transaction. Its e-mail is free at once for a new account.
   */
  async remove({ companyId, personId }: PersonRef, principal: Principal): Promise<void> {
    assertActsForCompany(principal, companyId, true);
    const person = await this.people.findOne({ _id: personId, companyId }).lean<PersonDocument>();
    if (!person) throw new DomainError(ERRORS.PERSON_NOT_FOUND, `No person ${personId} in this company`);
    const record = removalRecord(person, principal.id);
    await inTransaction(this.connection, async (session) => {
      const deleted = await this.people.deleteOne({ _id: personId, version: person.version }, { session });
      if (deleted.deletedCount === 0) throw new DomainError(ERRORS.CONCURRENT_CHANGE, 'The account changed meanwhile; try again');
      await this.removedPeople.create([record], { session });
    });
  }

  /** The same refusal for an unknown e-mail, a wrong password and a person whose company is suspended or gone. */
  async verify({ email, password }: Credentials): Promise<Principal> {
    const person = await this.people.findOne({ email: email.toLowerCase() }).lean<PersonDocument>();
    const { matches, rehash } = await this.hashing.verify(password, person?.passwordHash ?? (await this.decoy()));
    if (!person || !matches || !(await this.hasAccess(person))) throw new DomainError(ERRORS.BAD_CREDENTIALS, 'Wrong e-mail or password');
    if (rehash) await this.rehash(person, password);
    return toPrincipal(person);
  }

  /**
   * A hash made before the cost setting changed is replaced at the first sign-in
   * after it, the one moment the password is known: accounts come to the current
   * cost, and to the time of the decoy that unknown e-mails are compared with.
   */
  private async rehash(person: PersonDocument, password: string): Promise<void> {
    const passwordHash = await this.hashing.hash(password).catch(() => undefined); // a busy moment: next sign-in
    if (passwordHash) await this.people.updateOne({ _id: person._id, passwordHash: person.passwordHash }, { $set: { passwordHash } });
  }

  /** The principal of an account as it is now, for a session being refreshed: refused once it has lost access. */
  async currentPrincipal(personId: string): Promise<Principal> {
    const person = await this.people.findById(personId).lean<PersonDocument>();
    if (!person || !(await this.hasAccess(person))) throw new DomainError(ERRORS.UNAUTHENTICATED, 'This account has no access any more');
    return toPrincipal(person);
  }

  async account(principal: Principal): Promise<AccountView> {
    const person = await this.people.findById(principal.id).lean<PersonDocument>();
    if (!person) throw new DomainError(ERRORS.PERSON_NOT_FOUND, 'This account does not exist any more');
    return toAccountView(person);
  }

  /** Changes the account's language, with its person-updated event; written only over the version read. */
  async chooseLocale(principal: Principal, locale: Locale): Promise<AccountView> {
    const person = await this.people.findById(principal.id).lean<PersonDocument>();
    if (!person) throw new DomainError(ERRORS.PERSON_NOT_FOUND, 'This account does not exist any more');
    if ((person.locale ?? DEFAULT_LOCALE) === locale) return toAccountView(person);
    const version = person.version + 1;
    const event = createEvent(MEMBERS_EVENTS.personUpdated, { subject: `people/${person._id}`, version }, snapshotOf({ ...person, locale }, version));
    const changed = await this.people
      .findOneAndUpdate({ _id: person._id, version: person.version }, withEvents({ locale }, [event]), { returnDocument: 'after' })
      .lean<PersonDocument>();
    if (!changed) throw new DomainError(ERRORS.CONCURRENT_CHANGE, 'The account changed meanwhile; try again');
    return toAccountView(changed);
  }

  /** The people of a suspended company, or of one that left, lose access; staff have no company. */
  private async hasAccess(person: PersonDocument): Promise<boolean> {
    return !person.companyId || (await this.companies.find(person.companyId)).status === 'active';
  }

  private async create({ password, ...person }: NewAccount): Promise<PersonDocument> {
    const _id = randomUUID();
    const email = person.email.toLowerCase();
    const passwordHash = await this.hashing.hash(password);
    const locale = person.locale ?? DEFAULT_LOCALE;
    const event = createEvent(MEMBERS_EVENTS.personAdded, { subject: `people/${_id}`, version: 1 }, snapshotOf({ ...person, _id, email, locale }, 1));
    try {
      return await this.people.create({ ...person, _id, email, locale, passwordHash, version: 1, pendingEvents: [event] });
    } catch (error) {
      if (isDuplicateKey(error)) throw new DomainError(ERRORS.PERSON_EMAIL_TAKEN, 'An account with this e-mail exists already');
      throw error;
    }
  }

  private decoy(): Promise<string> {
    // Outside the cap on hashing: drawn once at boot, it must never be a remembered refusal.
    this.decoyHash ??= hashPassword(randomUUID(), this.config.PASSWORD_HASH_COST_LOG2);
    return this.decoyHash;
  }
}

function toPrincipal(person: PersonDocument): Principal {
  return { id: person._id, email: person.email, companyId: person.companyId, roles: [person.role] };
}

function toPersonView(person: PersonDocument): PersonView {
  return {
    id: person._id, email: person.email, firstName: person.firstName, lastName: person.lastName,
    role: person.role, ...(person.companyId ? { companyId: person.companyId } : {}), locale: person.locale ?? DEFAULT_LOCALE,
  };
}

function toAccountView(person: PersonDocument): AccountView {
  return { ...toPrincipal(person), locale: person.locale ?? DEFAULT_LOCALE };
}

/** A person as their events describe them, whole. */
function snapshotOf(person: Pick<PersonDocument, '_id' | 'email' | 'firstName' | 'lastName' | 'role' | 'companyId' | 'locale'>, version: number): PersonSnapshot {
  const { _id, email, firstName, lastName, role, companyId, locale } = person;
  return { personId: _id, email, firstName, lastName, role, companyId, locale, version };
}
