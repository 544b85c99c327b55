import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { EventEnvelope, Role } from '@grappes/contracts';
import { inTransaction } from '@grappes/messaging';
import { Connection, Model } from 'mongoose';
import { Person, PersonDocument } from './person.schema';
import { RemovedPerson, RemovedPersonDocument } from './removed-person.schema';

/** An account removed before removal deleted it: its document stayed, its e-mail moved to `formerEmail`. */
interface LegacyRemoved {
  _id: string;
  formerEmail: string;
  companyId?: string;
  firstName: string;
  lastName: string;
  role: Role;
  updatedAt: Date;
  version: number;
  pendingEvents: EventEnvelope[];
}

/**
 * Moves the accounts removed under the former design to `removed_people` at
 * start-up, so that `people` holds live accounts only. Each move is one
 * transaction guarded by the version read: instances starting together move
 * each account once.
 */
@Injectable()
export class LegacyRemovalsMigration implements OnApplicationBootstrap {
  private readonly logger = new Logger(LegacyRemovalsMigration.name);

  constructor(
    @InjectModel(Person.name) private readonly people: Model<PersonDocument>,
    @InjectModel(RemovedPerson.name) private readonly removedPeople: Model<RemovedPersonDocument>,
    @InjectConnection() private readonly connection: Connection,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const legacy = await this.people.find({ email: { $exists: false } }).lean<LegacyRemoved[]>();
    for (const person of legacy) await this.archive(person);
    if (legacy.length) this.logger.log(`Archived ${legacy.length} account(s) removed before removal deleted them`);
  }

  private archive(person: LegacyRemoved): Promise<void> {
    return inTransaction(this.connection, async (session) => {
      const deleted = await this.people.deleteOne({ _id: person._id, version: person.version }, { session });
      if (deleted.deletedCount === 0) return; // another instance moved it
      const { _id, companyId, formerEmail, firstName, lastName, role, updatedAt, version, pendingEvents } = person;
      const record = { _id, companyId, email: formerEmail, firstName, lastName, role, removedAt: updatedAt, version, pendingEvents };
      await this.removedPeople.create([record], { session });
    });
  }
}
