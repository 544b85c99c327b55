// The start-up move of accounts removed under the former design, against a real MongoDB-wire server.
import { MongooseModule, getConnectionToken, getModelToken } from '@nestjs/mongoose';
import { Test, TestingModule } from '@nestjs/testing';
import { requireServer, testDatabaseOptions, uniqueName } from '@grappes/testing';
import { Connection, Model } from 'mongoose';
import { LegacyRemovalsMigration } from './legacy-removals.migration';
import { Person, PersonDocument, PersonSchema } from './person.schema';
import { RemovedPerson, RemovedPersonDocument, RemovedPersonSchema } from './removed-person.schema';

let moduleRef: TestingModule;
let people: Model<PersonDocument>;
let removedPeople: Model<RemovedPersonDocument>;

beforeAll(async () => {
  moduleRef = await Test.createTestingModule({
    imports: [
      MongooseModule.forRoot(requireServer('MONGODB_URI'), { ...testDatabaseOptions, dbName: uniqueName('members_legacy_test') }),
      MongooseModule.forFeature([{ name: Person.name, schema: PersonSchema }, { name: RemovedPerson.name, schema: RemovedPersonSchema }]),
    ],
    providers: [LegacyRemovalsMigration],
  }).compile();
  people = moduleRef.get(getModelToken(Person.name));
  removedPeople = moduleRef.get(getModelToken(RemovedPerson.name));
  await Promise.all([people.init(), removedPeople.init()]);
});

afterAll(async () => {
  await moduleRef?.get<Connection>(getConnectionToken()).dropDatabase();
  await moduleRef?.close();
});

describe('LegacyRemovalsMigration', () => {
  it('moves an account removed under the former design to removed_people once, even when two instances start together', async () => {
    const removedAt = new Date('2026-11-02T10:00:00Z');
    const pending = { id: 'e-1', type: 'grappes.members.person-removed.v1' };
    await people.collection.insertMany([
      { _id: 'p-old', formerEmail: 'lea@saugeais.example', companyId: 'co-1', firstName: 'Léa', lastName: 'V', role: 'member', passwordHash: 'x', updatedAt: removedAt, version: 2, pendingEvents: [pending] },
      { _id: 'p-live', email: 'paul@saugeais.example', companyId: 'co-1', firstName: 'Paul', lastName: 'V', role: 'member', passwordHash: 'x', version: 1, pendingEvents: [] },
    ] as object[]);
    const migration = moduleRef.get(LegacyRemovalsMigration);

    await Promise.all([migration.onApplicationBootstrap(), migration.onApplicationBootstrap()]);

    expect((await people.find().lean<PersonDocument[]>()).map((p) => p._id)).toEqual(['p-live']);
    expect(await removedPeople.find().lean<RemovedPersonDocument[]>()).toEqual([
      expect.objectContaining({ _id: 'p-old', email: 'lea@saugeais.example', companyId: 'co-1', firstName: 'Léa', role: 'member', removedAt, version: 2, pendingEvents: [pending] }),
    ]);
  });
});
