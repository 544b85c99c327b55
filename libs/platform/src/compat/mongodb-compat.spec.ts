/**
 * MongoDB compatibility: the reads and writes the code relies on. The rule and
 * the per-server assertions are explained in `compat-database.ts`; indexes,
 * transactions and concurrent writers have their own files beside this one.
 */
import { uniqueName } from '@grappes/testing';
import { DUPLICATE_KEY, Doc, codeOf, serverLabel, useCompatDatabase } from './compat-database';


const compat = useCompatDatabase();
/** A fresh collection per test, so that tests neither see nor disturb each other's documents. */
const fresh = (name: string) => compat.db.collection<Doc>(uniqueName(name));
const names = (docs: Doc[]) => docs.map((d) => d['name']);

describe(`MongoDB reads the code relies on (${serverLabel})`, () => {
  it('answers ping (readiness)', async () => {
    expect((await compat.db.admin().ping())['ok']).toBe(1);
  });

  it('matches { field: null } on a missing field and on null, not on a value (unread notifications)', async () => {
    const notifications = fresh('notifications');
    await notifications.insertMany([{ name: 'missing' }, { name: 'null', readAt: null }, { name: 'read', readAt: new Date() }]);

    expect(names(await notifications.find({ readAt: null }).sort({ name: 1 }).toArray())).toEqual(['missing', 'null']);
    expect(await notifications.countDocuments({ readAt: null })).toBe(2);
  });

  it('selects a date range with $gte and $lt, sorted by date then _id (workshops from/to)', async () => {
    const workshops = fresh('workshops');
    const at = (day: number) => new Date(Date.UTC(2027, 2, day, 9));
    await workshops.insertMany([
      { _id: 'b', startsAt: at(10) }, { _id: 'a', startsAt: at(10) }, { _id: 'c', startsAt: at(9) },
      { _id: 'd', startsAt: at(12) }, { _id: 'e', startsAt: at(8) },
    ]);

    const found = await workshops.find({ startsAt: { $gte: at(9), $lt: at(12) } }).sort({ startsAt: 1, _id: 1 }).toArray();

    expect(found.map((d) => d._id)).toEqual(['c', 'a', 'b']);
  });

  it('sorts descending on two keys (the inbox, newest first)', async () => {
    const notifications = fresh('notifications');
    const at = (minute: number) => new Date(Date.UTC(2027, 0, 1, 10, minute));
    await notifications.insertMany([
      { _id: 'n1', createdAt: at(1) }, { _id: 'n3', createdAt: at(2) }, { _id: 'n2', createdAt: at(2) }, { _id: 'n4', createdAt: at(0) },
    ]);

    const inbox = await notifications.find().sort({ createdAt: -1, _id: -1 }).toArray();

    expect(inbox.map((d) => d._id)).toEqual(['n3', 'n2', 'n1', 'n4']);
  });

  it('pages with a sort on two keys, skip and limit, and counts the whole with countDocuments', async () => {
    const companies = fresh('companies');
    await companies.insertMany([['e', 5], ['b', 4], ['b', 2], ['a', 3], ['c', 1]].map(([sortName, _id]) => ({ _id, sortName })));

    const page = await companies.find({ sortName: { $ne: 'e' } }).sort({ sortName: 1, _id: 1 }).skip(1).limit(2).toArray();

    expect(page).toEqual([{ _id: 2, sortName: 'b' }, { _id: 4, sortName: 'b' }]);
    expect(await companies.countDocuments({ sortName: { $ne: 'e' } })).toBe(4);
    expect(await companies.countDocuments()).toBe(5);
  });

  it('matches equality on an array field when any element is equal (the directory by capability)', async () => {
    const companies = fresh('companies');
    await companies.insertMany([{ name: 'A', capabilities: ['cases', 'dials'] }, { name: 'B', capabilities: ['dials'] }, { name: 'C', capabilities: [] }]);

    expect(names(await companies.find({ capabilities: 'cases' }).toArray())).toEqual(['A']);
  });

  it('matches $in on a field and on an array field, and $in: [] matches nothing', async () => {
    const companies = fresh('companies');
    await companies.insertMany([
      { name: 'A', region: 'Jura', capabilities: ['cases'] },
      { name: 'B', region: 'Doubs', capabilities: ['dials', 'straps'] },
      { name: 'C', region: 'Vaud', capabilities: ['movements'] },
    ]);

    expect(names(await companies.find({ region: { $in: ['Jura', 'Doubs'] } }).sort({ name: 1 }).toArray())).toEqual(['A', 'B']);
    expect(names(await companies.find({ capabilities: { $in: ['straps', 'movements'] } }).sort({ name: 1 }).toArray())).toEqual(['B', 'C']);
    expect(await companies.countDocuments({ region: { $in: [] } })).toBe(0);
  });

  it('combines $ne with $and of anchored $regex on an array of words (the directory search)', async () => {
    const companies = fresh('directory');
    await companies.insertMany([
      { name: 'A', nameWords: ['boitiers', 'du', 'doubs'], status: 'active' },
      { name: 'B', nameWords: ['boitiers', 'jura'], status: 'left' },
      { name: 'C', nameWords: ['cadrans', 'doubs'], status: 'active' },
      { name: 'D', nameWords: ['aboitiers', 'doubs'], status: 'active' },
    ]);

    const filter = { status: { $ne: 'left' }, $and: [{ nameWords: { $regex: '^boit' } }, { nameWords: { $regex: '^doub' } }] };

    expect(names(await companies.find(filter).toArray())).toEqual(['A']);
  });

  it("matches $exists on a field and on a path into an array of subdocuments ('pendingEvents.id', the outbox)", async () => {
    const aggregates = fresh('aggregates');
    await aggregates.insertMany([
      { name: 'pending', companyId: 'co-1', pendingEvents: [{ id: 'e-1' }] },
      { name: 'sent', pendingEvents: [] },
      { name: 'old' },
    ]);

    expect(names(await aggregates.find({ 'pendingEvents.id': { $exists: true } }).toArray())).toEqual(['pending']);
    expect(names(await aggregates.find({ companyId: { $exists: true } }).toArray())).toEqual(['pending']);
  });

  it('returns only the fields of an inclusion projection, and _id', async () => {
    const companies = fresh('companies');
    await companies.insertOne({ name: 'Boîtiers du Doubs', siren: '732829320', annualRevenueEur: 1_000_000 });

    const [doc] = await companies.find({}, { projection: { name: 1, siren: 1 } }).toArray();

    expect(Object.keys(doc).sort()).toEqual(['_id', 'name', 'siren']);
  });

  it('aggregates with $match on $in, and $group counting with $sum: 1 (members per cluster)', async () => {
    const memberships = fresh('memberships');
    await memberships.insertMany([
      { clusterId: 'c-1', state: 'joined' }, { clusterId: 'c-1', state: 'joined' }, { clusterId: 'c-1', state: 'pending' },
      { clusterId: 'c-2', state: 'joined' }, { clusterId: 'c-3', state: 'joined' },
    ]);

    const rows = await memberships
      .aggregate([{ $match: { clusterId: { $in: ['c-1', 'c-2'] }, state: 'joined' } }, { $group: { _id: '$clusterId', count: { $sum: 1 } } }, { $sort: { _id: 1 } }])
      .toArray();

    expect(rows).toEqual([{ _id: 'c-1', count: 2 }, { _id: 'c-2', count: 1 }]);
  });

  it('counts the events of arrays of subdocuments with $match, $unwind and $count (the outbox backlog)', async () => {
    const aggregates = fresh('aggregates');
    const backlog = [{ $match: { 'pendingEvents.id': { $exists: true } } }, { $unwind: '$pendingEvents' }, { $count: 'events' }];
    // The Python server answers a count of nothing with a zero; the relay reads both the same.
    expect(await aggregates.aggregate(backlog).toArray()).toEqual(compat.server === 'secantusdb-py' ? [{ events: 0 }] : []);

    await aggregates.insertMany([
      { pendingEvents: [{ id: 'e-1' }, { id: 'e-2' }] }, { pendingEvents: [{ id: 'e-3' }] }, { pendingEvents: [] }, {},
    ]);

    expect(await aggregates.aggregate(backlog).toArray()).toEqual([{ events: 3 }]);
  });
});

describe(`MongoDB writes the code relies on (${serverLabel})`, () => {
  it('refuses a duplicate string _id with 11000 (processed event ids)', async () => {
    const processed = fresh('processed');
    await processed.insertOne({ _id: 'notifications:e-1' });

    expect(await codeOf(processed.insertOne({ _id: 'notifications:e-1', again: true }))).toBe(DUPLICATE_KEY);
    expect(await processed.find().toArray()).toEqual([{ _id: 'notifications:e-1' }]);
  });

  it('reports modifiedCount 1 for an updateOne whose version matches and 0 for a stale one (the version guard)', async () => {
    const people = fresh('people');
    await people.insertOne({ _id: 'p-1', version: 1, coordinatorCompanyId: 'co-1' });
    const change = () => people.updateOne({ _id: 'p-1', version: 1 }, { $unset: { coordinatorCompanyId: 1 }, $inc: { version: 1 } });

    expect((await change()).modifiedCount).toBe(1);
    expect((await change()).modifiedCount).toBe(0);
    expect(await people.findOne({ _id: 'p-1' })).toEqual({ _id: 'p-1', version: 2 });
  });

  it("findOneAndUpdate with returnDocument: 'after' applies $set, $inc and $push $each when the version matches, and returns null when it does not", async () => {
    const clusters = compat.db.collection<{ _id: string; name: string; version: number; pendingEvents: { id: string }[] }>(uniqueName('clusters'));
    await clusters.insertOne({ _id: 'c-1', name: 'Grappe', version: 1, pendingEvents: [{ id: 'e-1' }] });
    const update = { $set: { name: 'Grappe Boîtiers' }, $inc: { version: 1 }, $push: { pendingEvents: { $each: [{ id: 'e-2' }, { id: 'e-3' }] } } };

    const updated = await clusters.findOneAndUpdate({ _id: 'c-1', version: 1 }, update, { returnDocument: 'after' });
    const stale = await clusters.findOneAndUpdate({ _id: 'c-1', version: 1 }, update, { returnDocument: 'after' });

    expect(updated).toEqual({ _id: 'c-1', name: 'Grappe Boîtiers', version: 2, pendingEvents: [{ id: 'e-1' }, { id: 'e-2' }, { id: 'e-3' }] });
    expect(stale).toBeNull();
  });

  it('stores a $set of null as null, which { field: null } then matches', async () => {
    const registrations = fresh('registrations');
    await registrations.insertOne({ _id: 'r-1', position: 3 });

    await registrations.updateOne({ _id: 'r-1' }, { $set: { position: null } });

    expect(await registrations.findOne({ _id: 'r-1' })).toEqual({ _id: 'r-1', position: null });
    expect(await registrations.countDocuments({ position: null })).toBe(1);
  });

  it('updateMany changes every matching document and only those (recipients of a departed company)', async () => {
    const recipients = fresh('recipients');
    await recipients.insertMany([{ _id: 1, companyId: 'co-1', removed: false }, { _id: 2, companyId: 'co-1', removed: false }, { _id: 3, companyId: 'co-2', removed: false }]);

    const { matchedCount, modifiedCount } = await recipients.updateMany({ companyId: 'co-1' }, { $set: { removed: true } });

    expect([matchedCount, modifiedCount]).toEqual([2, 2]);
    expect((await recipients.find({ removed: true }).toArray()).map((d) => d._id)).toEqual([1, 2]);
  });

  it('applies a projection only when newer: a filter on $lt version with upsert inserts, updates, or collides with 11000', async () => {
    const projections = fresh('projections');
    const apply = (version: number) => projections.updateOne({ _id: 'co-1', version: { $lt: version } }, { $set: { version } }, { upsert: true });

    await apply(2);
    await apply(3);

    expect(await codeOf(apply(1))).toBe(DUPLICATE_KEY);
    expect(await projections.find().toArray()).toEqual([{ _id: 'co-1', version: 3 }]);
  });

  it('$pullAll removes an element of an array of subdocuments by its exact value (the outbox relay)', async () => {
    const aggregates = compat.db.collection<{ _id: string; pendingEvents: object[] }>(uniqueName('aggregates'));
    const sent = { id: 'e-1', type: 't', data: { version: 1, tags: ['a'] } };
    await aggregates.insertOne({ _id: 'a-1', pendingEvents: [sent, { id: 'e-2', type: 't', data: {} }] });

    await aggregates.updateOne({ _id: 'a-1' }, { $pullAll: { pendingEvents: [sent] } });

    expect((await aggregates.findOne({ _id: 'a-1' }))?.['pendingEvents']).toEqual([{ id: 'e-2', type: 't', data: {} }]);
  });

  it('deleteOne with a version in the filter deletes only the version read; deleteMany deletes every match', async () => {
    const people = fresh('people');
    await people.insertMany([{ _id: 'p-1', version: 2, companyId: 'co-1' }, { _id: 'p-2', version: 1, companyId: 'co-1' }, { _id: 'p-3', version: 1, companyId: 'co-2' }]);

    expect((await people.deleteOne({ _id: 'p-1', version: 1 })).deletedCount).toBe(0);
    expect((await people.deleteOne({ _id: 'p-1', version: 2 })).deletedCount).toBe(1);
    expect((await people.deleteMany({ companyId: { $in: ['co-1', 'co-2'] } })).deletedCount).toBe(2);
    expect(await people.countDocuments()).toBe(0);
  });
});
