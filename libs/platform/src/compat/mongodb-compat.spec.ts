/**
 * MongoDB compatibility test.
 *
 * The services run on MongoDB in production, but where none can be had (this
 * project's machines, CI) a MongoDB-wire engine stands in: FerretDB 1.x over
 * SQLite. The code may therefore only rely on what both do. This file lists
 * every database operation the code relies on, each in its own test, and runs
 * against whatever MONGODB_URI points to: green here means the code's queries
 * and updates mean the same on that server. Before using a new operator, add it
 * here first. Known gaps of FerretDB 1.24: no transactions, change streams,
 * `$lookup`, `$facet`, `$avg`/`$push` accumulators, TTL indexes, collations;
 * and, found here: no condition in `$pull`, one accumulator per `$group`, no
 * `'$path'` expressions in `$project`, and concurrent updates of one document
 * from several connections are not atomic: scripts/infra.mjs therefore hands
 * out FerretDB's URI with `maxPoolSize=1`, and the code relies on one
 * connection applying concurrent updates in order (tested below).
 */
import mongoose from 'mongoose';
import { requireServer, testDatabaseOptions, uniqueName } from '@grappes/testing';

type Client = InstanceType<typeof mongoose.mongo.MongoClient>;
type Db = ReturnType<Client['db']>;

const MONGODB_URI = requireServer('MONGODB_URI');

let client: Client;
let db: Db;
let isFerretDb: boolean;

/** A fresh collection per test, so that tests neither see nor disturb each other's documents. */
const fresh = (name: string) => db.collection(uniqueName(name));

async function codeOf(write: Promise<unknown>): Promise<number | undefined> {
  return write.then(
    () => undefined,
    (error: { code?: number }) => error.code,
  );
}

beforeAll(async () => {
  client = await new mongoose.mongo.MongoClient(MONGODB_URI, testDatabaseOptions).connect();
  db = client.db(uniqueName('compat_test'));
  isFerretDb = 'ferretdbVersion' in (await db.admin().command({ buildInfo: 1 }));
});

afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

describe(`MongoDB operations the code relies on (${MONGODB_URI.replace(/\/\/[^@]*@/, '//')})`, () => {
  it('answers ping (readiness)', async () => {
    expect((await db.admin().ping())['ok']).toBe(1);
  });

  it('refuses a duplicate of a unique index with error code 11000', async () => {
    const companies = fresh('companies');
    await companies.createIndex({ siren: 1 }, { unique: true });
    await companies.insertOne({ siren: '732829320' });

    expect(await codeOf(companies.insertOne({ siren: '732829320' }))).toBe(11000);
    expect(await companies.countDocuments()).toBe(1);
  });

  it('refuses a duplicate of a compound unique index with 11000, and accepts another combination', async () => {
    const notifications = fresh('notifications');
    await notifications.createIndex({ eventId: 1, recipientId: 1, channel: 1 }, { unique: true });
    await notifications.insertOne({ eventId: 'e-1', recipientId: 'p-1', channel: 'inbox' });

    expect(await codeOf(notifications.insertOne({ eventId: 'e-1', recipientId: 'p-1', channel: 'inbox' }))).toBe(11000);
    await notifications.insertOne({ eventId: 'e-1', recipientId: 'p-1', channel: 'email' });
    expect(await notifications.countDocuments()).toBe(2);
  });

  it('lets a sparse unique index skip documents without the field, and frees a value once it is $unset (closed accounts)', async () => {
    const people = fresh('people');
    await people.createIndex({ email: 1 }, { unique: true, sparse: true });
    await people.insertOne({ _id: 'p-1', email: 'lea@example.org' } as object);
    await people.insertMany([{ _id: 'p-2' }, { _id: 'p-3' }] as object[]);
    expect(await codeOf(people.insertOne({ _id: 'p-4', email: 'lea@example.org' } as object))).toBe(11000);

    await people.updateOne({ _id: 'p-1' } as object, { $set: { formerEmail: 'lea@example.org' }, $unset: { email: 1 } });
    await people.insertOne({ _id: 'p-5', email: 'lea@example.org' } as object);
    expect(await people.countDocuments({ email: { $exists: true } })).toBe(1);
  });

  it('applies a projection update only when newer: a filter on $lt version with upsert inserts, updates, or collides with 11000', async () => {
    const projections = fresh('projections');
    const apply = (version: number) =>
      projections.updateOne({ _id: 'co-1', version: { $lt: version } } as object, { $set: { version } }, { upsert: true });
    await apply(2);
    await apply(3);
    expect(await codeOf(apply(1))).toBe(11000);
    expect(await projections.findOne({ _id: 'co-1' } as object)).toEqual({ _id: 'co-1', version: 3 });
  });

  it('combines conditions with $and of anchored $regex, $ne and $exists (the directory)', async () => {
    const companies = fresh('directory');
    await companies.insertMany([
      { nameWords: ['boitiers', 'du', 'doubs'], status: 'active' },
      { nameWords: ['boitiers', 'jura'], status: 'left' },
      { nameWords: ['cadrans', 'doubs'], status: 'active' },
    ]);
    const filter = { status: { $ne: 'left' }, $and: [{ nameWords: { $regex: '^boit' } }, { nameWords: { $regex: '^doub' } }] };
    expect(await companies.countDocuments(filter)).toBe(1);
  });

  it('refuses a duplicate string _id with 11000 (processed event ids)', async () => {
    const processed = db.collection<{ _id: string }>(uniqueName('processed'));
    await processed.insertOne({ _id: 'notifications:e-1' });

    expect(await codeOf(processed.insertOne({ _id: 'notifications:e-1' }))).toBe(11000);
    expect(await processed.findOne({ _id: 'notifications:e-1' })).toEqual({ _id: 'notifications:e-1' });
  });

  it('findOneAndUpdate applies $set, $inc and $push with $each when the version matches, and returns null when it does not', async () => {
    const clusters = db.collection<{ name: string; version: number; pendingEvents: { id: string }[] }>(uniqueName('clusters'));
    const { insertedId } = await clusters.insertOne({ name: 'Grappe', version: 1, pendingEvents: [{ id: 'e-1' }] });
    const update = { $set: { name: 'Grappe Boîtiers' }, $inc: { version: 1 }, $push: { pendingEvents: { $each: [{ id: 'e-2' }, { id: 'e-3' }] } } };

    const updated = await clusters.findOneAndUpdate({ _id: insertedId, version: 1 }, update, { returnDocument: 'after' });
    const stale = await clusters.findOneAndUpdate({ _id: insertedId, version: 1 }, update, { returnDocument: 'after' });

    expect(updated).toMatchObject({ name: 'Grappe Boîtiers', version: 2, pendingEvents: [{ id: 'e-1' }, { id: 'e-2' }, { id: 'e-3' }] });
    expect(stale).toBeNull();
    expect(await clusters.findOne({ _id: insertedId })).toMatchObject({ version: 2 });
  });

  it('applies every one of concurrent updates of one document sent over one connection', async () => {
    const single = await new mongoose.mongo.MongoClient(MONGODB_URI, { maxPoolSize: 1 }).connect();
    try {
      const counters = single.db(db.databaseName).collection(uniqueName('counters'));
      const { insertedId } = await counters.insertOne({ n: 0 });

      await Promise.all(Array.from({ length: 50 }, () => counters.updateOne({ _id: insertedId }, { $inc: { n: 1 } })));

      expect((await counters.findOne({ _id: insertedId }))?.['n']).toBe(50);
    } finally {
      await single.close();
    }
  });

  it('upserts with updateOne: $setOnInsert only when it inserts, $set every time', async () => {
    const projections = fresh('projections');
    const upsert = (name: string) =>
      projections.updateOne({ _id: 'co-1' } as object, { $set: { name }, $setOnInsert: { firstSeen: 'then' } }, { upsert: true });

    const first = await upsert('Boîtiers du Doubs');
    const second = await upsert('Boîtiers du Doubs SA');

    expect([first.upsertedCount, second.upsertedCount, second.matchedCount]).toEqual([1, 0, 1]);
    expect(await projections.find().toArray()).toEqual([{ _id: 'co-1', name: 'Boîtiers du Doubs SA', firstSeen: 'then' }]);
  });

  it('$pullAll removes an element of an array of subdocuments by its exact value (the outbox relay)', async () => {
    const clusters = db.collection<{ pendingEvents: object[] }>(uniqueName('clusters'));
    const sent = { id: 'e-1', type: 't', data: { version: 1, tags: ['a'] } };
    const { insertedId } = await clusters.insertOne({ pendingEvents: [sent, { id: 'e-2', type: 't', data: {} }] });

    await clusters.updateOne({ _id: insertedId }, { $pullAll: { pendingEvents: [sent] } });

    expect((await clusters.findOne({ _id: insertedId }))?.['pendingEvents']).toEqual([{ id: 'e-2', type: 't', data: {} }]);
  });

  it('$pull with a condition on a subdocument field: MongoDB removes the matches, FerretDB 1.24 removes nothing (do not rely on it)', async () => {
    const clusters = fresh('clusters');
    const { insertedId } = await clusters.insertOne({ pendingEvents: [{ id: 'e-1', type: 't' }, { id: 'e-2', type: 't' }] });

    await clusters.updateOne({ _id: insertedId }, { $pull: { pendingEvents: { id: 'e-1' } } } as object);

    const left = (await clusters.findOne({ _id: insertedId }))?.['pendingEvents'].map((e: { id: string }) => e.id);
    expect(left).toEqual(isFerretDb ? ['e-1', 'e-2'] : ['e-2']);
  });

  it("finds documents by { 'pendingEvents.id': { $exists: true } }, with a sparse index on that field", async () => {
    const clusters = fresh('clusters');
    await clusters.createIndex({ 'pendingEvents.id': 1 }, { sparse: true });
    await clusters.insertMany([
      { name: 'pending', pendingEvents: [{ id: 'e-1' }] },
      { name: 'sent', pendingEvents: [] },
      { name: 'old' },
    ]);

    const found = await clusters.find({ 'pendingEvents.id': { $exists: true } }).toArray();

    expect(found.map((d) => d['name'])).toEqual(['pending']);
    const index = (await clusters.indexes()).find((i) => i.key['pendingEvents.id'] === 1);
    // FerretDB 1.24 accepts the option but neither reports it nor needs it.
    expect(index?.sparse).toBe(isFerretDb ? undefined : true);
  });

  it('returns only the fields of an inclusion projection, and _id', async () => {
    const companies = fresh('companies');
    await companies.insertOne({ name: 'Boîtiers du Doubs', siren: '732829320', annualRevenueEur: 1_000_000 });

    const [doc] = await companies.find({}, { projection: { name: 1, siren: 1 } }).toArray();

    expect(Object.keys(doc).sort()).toEqual(['_id', 'name', 'siren']);
  });

  it('matches $in on a field and on an array field', async () => {
    const companies = fresh('companies');
    await companies.insertMany([
      { name: 'A', region: 'Jura', capabilities: ['cases'] },
      { name: 'B', region: 'Doubs', capabilities: ['dials', 'straps'] },
      { name: 'C', region: 'Vaud', capabilities: ['movements'] },
    ]);

    const byRegion = await companies.find({ region: { $in: ['Jura', 'Doubs'] } }).sort({ name: 1 }).toArray();
    const byCapability = await companies.find({ capabilities: { $in: ['straps', 'movements'] } }).sort({ name: 1 }).toArray();

    expect(byRegion.map((d) => d['name'])).toEqual(['A', 'B']);
    expect(byCapability.map((d) => d['name'])).toEqual(['B', 'C']);
  });

  it('matches an anchored $regex (^) on a string field and on an array-of-strings field', async () => {
    const people = fresh('people');
    await people.insertMany([
      { email: 'ada@boitiers.test', keywords: ['boîtier', 'acier'] },
      { email: 'bob@cadrans.test', keywords: ['cadran', 'émail'] },
    ]);

    const byEmail = await people.find({ email: { $regex: '^ada@' } }).toArray();
    const byKeyword = await people.find({ keywords: { $regex: '^cad', $options: 'i' } }).toArray();
    const notAnchoredMiddle = await people.find({ email: { $regex: '^boitiers' } }).toArray();

    expect(byEmail.map((d) => d['email'])).toEqual(['ada@boitiers.test']);
    expect(byKeyword.map((d) => d['email'])).toEqual(['bob@cadrans.test']);
    expect(notAnchoredMiddle).toEqual([]);
  });

  it('pages with sort, skip and limit', async () => {
    const clusters = fresh('clusters');
    await clusters.insertMany(['e', 'b', 'd', 'a', 'c'].map((name) => ({ name })));

    const page = await clusters.find().sort({ name: 1 }).skip(1).limit(2).toArray();

    expect(page.map((d) => d['name'])).toEqual(['b', 'c']);
  });

  it('counts with countDocuments, with and without a filter', async () => {
    const notifications = fresh('notifications');
    await notifications.insertMany([{ readAt: null }, { readAt: 'yesterday' }, { readAt: null }]);

    expect(await notifications.countDocuments()).toBe(3);
    expect(await notifications.countDocuments({ readAt: null })).toBe(2);
  });

  it('aggregates with $match, $group counting with $sum: 1, and $sort', async () => {
    const companies = fresh('companies');
    await companies.insertMany([
      { category: 'cases', status: 'active' },
      { category: 'dials', status: 'active' },
      { category: 'cases', status: 'active' },
      { category: 'dials', status: 'left' },
    ]);

    const figures = await companies
      .aggregate([{ $match: { status: 'active' } }, { $group: { _id: '$category', companies: { $sum: 1 } } }, { $sort: { _id: 1 } }])
      .toArray();

    expect(figures).toEqual([
      { _id: 'cases', companies: 2 },
      { _id: 'dials', companies: 1 },
    ]);
  });

  it('aggregates with $group summing a field with $sum', async () => {
    const companies = fresh('companies');
    await companies.insertMany([
      { category: 'cases', headcount: 10 },
      { category: 'cases', headcount: 5 },
      { category: 'dials', headcount: 7 },
    ]);

    const figures = await companies
      .aggregate([{ $group: { _id: '$category', headcount: { $sum: '$headcount' } } }, { $sort: { _id: -1 } }])
      .toArray();

    expect(figures).toEqual([
      { _id: 'dials', headcount: 7 },
      { _id: 'cases', headcount: 15 },
    ]);
  });

  it('two accumulators in one $group: FerretDB 1.24 computes only the first, the others come back 0 (do not rely on it)', async () => {
    const companies = fresh('companies');
    await companies.insertMany([{ headcount: 10 }, { headcount: 5 }]);

    const [figures] = await companies.aggregate([{ $group: { _id: null, companies: { $sum: 1 }, headcount: { $sum: '$headcount' } } }]).toArray();

    expect(figures).toEqual({ _id: null, companies: 2, headcount: isFerretDb ? 0 : 15 });
  });

  it('aggregates with $unwind of an array field', async () => {
    const companies = fresh('companies');
    await companies.insertMany([
      { name: 'A', capabilities: ['cases', 'dials'] },
      { name: 'B', capabilities: ['dials'] },
      { name: 'C', capabilities: [] },
    ]);

    const perTheme = await companies
      .aggregate([{ $unwind: '$capabilities' }, { $group: { _id: '$capabilities', companies: { $sum: 1 } } }, { $sort: { _id: 1 } }])
      .toArray();

    expect(perTheme).toEqual([
      { _id: 'cases', companies: 1 },
      { _id: 'dials', companies: 2 },
    ]);
  });

  it('aggregates with $project including or excluding fields', async () => {
    const companies = fresh('companies');
    await companies.insertOne({ name: 'A', region: 'Jura', headcount: 10 });

    const included = await companies.aggregate([{ $project: { _id: 0, name: 1, region: 1 } }]).toArray();
    const excluded = await companies.aggregate([{ $project: { _id: 0, headcount: 0 } }]).toArray();

    expect(included).toEqual([{ name: 'A', region: 'Jura' }]);
    expect(excluded).toEqual([{ name: 'A', region: 'Jura' }]);
  });

  it("$project computing a field from '$path': FerretDB 1.24 returns the path as a string (do not rely on it)", async () => {
    const companies = fresh('companies');
    await companies.insertOne({ region: 'Jura' });

    const [projected] = await companies.aggregate([{ $project: { _id: 0, where: '$region' } }]).toArray();

    expect(projected).toEqual({ where: isFerretDb ? '$region' : 'Jura' });
  });

  it('aggregates with $count', async () => {
    const registrations = fresh('registrations');
    await registrations.insertMany([{ status: 'confirmed' }, { status: 'waitlisted' }, { status: 'confirmed' }]);

    const counted = await registrations.aggregate([{ $match: { status: 'confirmed' } }, { $count: 'confirmed' }]).toArray();

    expect(counted).toEqual([{ confirmed: 2 }]);
  });

  it('counts the elements of arrays of subdocuments with $match, $unwind and $count (the outbox backlog), none as no result', async () => {
    const clusters = fresh('clusters');
    const backlog = [{ $match: { 'pendingEvents.id': { $exists: true } } }, { $unwind: '$pendingEvents' }, { $count: 'events' }];
    expect(await clusters.aggregate(backlog).toArray()).toEqual([]);

    await clusters.insertMany([
      { name: 'two', pendingEvents: [{ id: 'e-1' }, { id: 'e-2' }] },
      { name: 'one', pendingEvents: [{ id: 'e-3' }] },
      { name: 'sent', pendingEvents: [] },
      { name: 'old' },
    ]);

    expect(await clusters.aggregate(backlog).toArray()).toEqual([{ events: 3 }]);
  });

  it('adds to a set with $addToSet, without duplicates', async () => {
    const recipients = fresh('recipients');
    const { insertedId } = await recipients.insertOne({ clusterIds: ['c-1'] });

    await recipients.updateOne({ _id: insertedId }, { $addToSet: { clusterIds: 'c-2' } });
    await recipients.updateOne({ _id: insertedId }, { $addToSet: { clusterIds: 'c-1' } });
    await recipients.updateOne({ _id: insertedId }, { $addToSet: { clusterIds: { $each: ['c-2', 'c-3'] } } });

    expect((await recipients.findOne({ _id: insertedId }))?.['clusterIds']).toEqual(['c-1', 'c-2', 'c-3']);
  });

  it('deletes the matching documents with deleteMany', async () => {
    const memberships = fresh('memberships');
    await memberships.insertMany([{ clusterId: 'c-1' }, { clusterId: 'c-1' }, { clusterId: 'c-2' }]);

    const { deletedCount } = await memberships.deleteMany({ clusterId: 'c-1' });

    expect(deletedCount).toBe(2);
    expect(await memberships.countDocuments()).toBe(1);
  });
});
