/**
 * MongoDB compatibility: the index kinds the schemas declare, and what a unique
 * index promises when a document changes or goes (see `compat-database.ts`).
 */
import { uniqueName } from '@grappes/testing';
import { DUPLICATE_KEY, Doc, codeOf, serverLabel, useCompatDatabase } from './compat-database';


const compat = useCompatDatabase();
const fresh = (name: string) => compat.db.collection<Doc>(uniqueName(name));

async function uniqueEmails() {
  const people = fresh('people');
  await people.createIndex({ email: 1 }, { unique: true });
  const insert = (_id: string, email: string) => codeOf(people.insertOne({ _id, email }));
  return { people, insert };
}

describe(`MongoDB indexes the code relies on (${serverLabel})`, () => {
  it('refuses a duplicate of a unique index with 11000', async () => {
    const { people, insert } = await uniqueEmails();

    expect(await insert('p-1', 'lea@example.org')).toBeUndefined();
    expect(await insert('p-2', 'lea@example.org')).toBe(DUPLICATE_KEY);
    expect(await people.countDocuments()).toBe(1);
  });

  it('lets exactly one of 20 concurrent inserts of one unique value through', async () => {
    const { insert } = await uniqueEmails();

    const codes = await Promise.all(Array.from({ length: 20 }, (_, i) => insert(`p-${i}`, 'lea@example.org')));

    expect(codes.filter((code) => code === undefined)).toHaveLength(1);
    expect(codes.filter((code) => code === DUPLICATE_KEY)).toHaveLength(19);
  });

  it('refuses a duplicate of a compound unique index with 11000, and accepts another combination', async () => {
    const notifications = fresh('notifications');
    await notifications.createIndex({ eventId: 1, recipientId: 1, channel: 1, kind: 1 }, { unique: true });
    const key = { eventId: 'e-1', recipientId: 'p-1', channel: 'inbox', kind: 'welcome' };
    await notifications.insertOne({ ...key });

    expect(await codeOf(notifications.insertOne({ ...key }))).toBe(DUPLICATE_KEY);
    await notifications.insertOne({ ...key, channel: 'email' });
    expect(await notifications.countDocuments()).toBe(2);
  });

  it('builds non-unique, multikey, descending compound and sparse indexes, reports them, and answers through them', async () => {
    const companies = fresh('companies');
    await companies.createIndex({ region: 1 });
    await companies.createIndex({ capabilities: 1 });
    await companies.createIndex({ recipientId: 1, createdAt: -1 });
    await companies.createIndex({ 'pendingEvents.id': 1 }, { sparse: true });
    await companies.insertMany([
      { name: 'A', region: 'Jura', capabilities: ['cases', 'dials'], recipientId: 'p-1', createdAt: new Date(1) },
      { name: 'B', region: 'Jura', capabilities: ['dials'], recipientId: 'p-1', createdAt: new Date(2), pendingEvents: [{ id: 'e-1' }] },
    ]);

    const indexes = await companies.indexes();
    const byName = (key: object) => indexes.find((index) => JSON.stringify(index.key) === JSON.stringify(key));
    expect(byName({ region: 1 })?.unique).toBeUndefined();
    expect(byName({ capabilities: 1 })).toBeDefined();
    expect(byName({ recipientId: 1, createdAt: -1 })).toBeDefined();
    expect(byName({ 'pendingEvents.id': 1 })?.sparse).toBe(true);

    const names = (docs: Doc[]) => docs.map((d) => d['name']);
    expect(names(await companies.find({ region: 'Jura' }).hint({ region: 1 }).sort({ name: 1 }).toArray())).toEqual(['A', 'B']);
    expect(names(await companies.find({ capabilities: 'dials' }).hint({ capabilities: 1 }).sort({ name: 1 }).toArray())).toEqual(['A', 'B']);
    expect(names(await companies.find({ recipientId: 'p-1' }).hint({ recipientId: 1, createdAt: -1 }).sort({ createdAt: -1 }).toArray())).toEqual(['B', 'A']);
  });

  it('frees a unique value when its document is deleted (a removed account frees its e-mail)', async () => {
    const { people, insert } = await uniqueEmails();
    await insert('p-1', 'lea@example.org');
    await people.updateOne({ _id: 'p-1' }, { $set: { firstName: 'Léa' }, $inc: { version: 1 } });

    await people.deleteOne({ _id: 'p-1' });

    expect(await insert('p-2', 'lea@example.org')).toBeUndefined();
  });

  it('frees a unique value that an update set once another update changes it again', async () => {
    const { people, insert } = await uniqueEmails();
    await insert('p-1', 'first@example.org');
    await people.updateOne({ _id: 'p-1' }, { $set: { email: 'second@example.org' } });
    await people.updateOne({ _id: 'p-1' }, { $set: { email: 'third@example.org' } });

    expect(await insert('p-2', 'second@example.org')).toBeUndefined();
    expect(await insert('p-3', 'third@example.org')).toBe(DUPLICATE_KEY);
  });

  it('frees the value a document was inserted with when an update changes it: MongoDB and the Python SecantusDB do, the Rust SecantusDB keeps it taken even after a delete (no design may rely on it)', async () => {
    const { people, insert } = await uniqueEmails();
    await insert('p-1', 'a@example.org');
    await people.updateOne({ _id: 'p-1' }, { $set: { email: 'b@example.org' } });
    const keptTaken = compat.server === 'secantusdb-rs' ? DUPLICATE_KEY : undefined;

    expect(await insert('p-2', 'a@example.org')).toBe(keptTaken);

    await people.deleteMany({});
    expect(await insert('p-3', 'a@example.org')).toBe(keptTaken);
    expect(await insert('p-4', 'b@example.org')).toBeUndefined();
  });
});
