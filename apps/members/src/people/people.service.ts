import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Credentials, DomainError, ERRORS, MEMBERS_EVENTS, PersonSnapshot, Principal, Role } from '@grappes/contracts';
import { createEvent, isDuplicateKey } from '@grappes/messaging';
import { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { MembersConfig } from '../members.config';
import { hashPassword, verifyPassword } from './password';
import { Person, PersonDocument } from './person.schema';

export interface NewPerson {
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  companyId?: string;
  password: string;
}

@Injectable()
export class PeopleService implements OnApplicationBootstrap {
  private readonly logger = new Logger(PeopleService.name);
  /** Compared against when the e-mail is unknown, so both failures take the same time. */
  private decoyHash?: Promise<string>;

  constructor(
    @InjectModel(Person.name) private readonly people: Model<PersonDocument>,
    @Inject(MembersConfig) private readonly config: MembersConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.bootstrapAdmin;
    if (await this.people.exists({ email: admin.email.toLowerCase() })) return;
    try {
      await this.add({ ...admin, firstName: 'Federation', lastName: 'Admin', role: 'federation-admin' });
      this.logger.log(`Bootstrap federation admin created: ${admin.email}`);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error; // another instance created it first
    }
  }

  async add(person: NewPerson): Promise<PersonDocument> {
    const _id = randomUUID();
    const passwordHash = await hashPassword(person.password, this.config.PASSWORD_HASH_COST_LOG2);
    const email = person.email.toLowerCase();
    const snapshot: PersonSnapshot = {
      personId: _id, email, firstName: person.firstName, lastName: person.lastName,
      role: person.role, companyId: person.companyId, version: 1,
    };
    const event = createEvent(MEMBERS_EVENTS.personAdded, { subject: `people/${_id}`, version: 1 }, snapshot);
    try {
      const { password: _, ...profile } = person;
      return await this.people.create({ ...profile, _id, email, passwordHash, version: 1, pendingEvents: [event] });
    } catch (error) {
      if (isDuplicateKey(error)) throw new DomainError(ERRORS.PERSON_EMAIL_TAKEN, 'An account with this e-mail exists already');
      throw error;
    }
  }

  /** The same refusal for an unknown e-mail and a wrong password. */
  async verify({ email, password }: Credentials): Promise<Principal> {
    const person = await this.people.findOne({ email: email.toLowerCase() }).lean();
    const matches = await verifyPassword(password, person?.passwordHash ?? (await this.decoy()));
    if (!person || !matches) throw new DomainError(ERRORS.BAD_CREDENTIALS, 'Wrong e-mail or password');
    return { id: person._id, email: person.email, companyId: person.companyId, roles: [person.role] };
  }

  private decoy(): Promise<string> {
    this.decoyHash ??= hashPassword(randomUUID(), this.config.PASSWORD_HASH_COST_LOG2);
    return this.decoyHash;
  }
}
