/**
 * MongoDB compatibility: the operators the notifications service relies on
 * (notices, registrations seen in any order, deliveries and digests,
 * preferences). The rule is explained in `compat-database.ts`.
 */
import { uniqueName } from '@grappes/testing';
import { Doc, serverLabel, useCompatDatabase } from './compat-database';

const compat = useCompatDatabase();
const fresh = (name: string) => compat.db.collection<Doc>(uniqueName(name));

describe(`MongoDB operators of the notifications service (${serverLabel})`, () => {
  it('keeps the earliest date with $min, setting it where the field is missing (when a person was added)', async () => {
    const recipients = fresh('recipients');
    await recipients.insertOne({ _id: 'p1' });
    const [early, late] = [new Date('2026-03-01T09:00:00Z'), new Date('2026-03-05T09:00:00Z')];

    await recipients.updateOne({ _id: 'p1' }, { $min: { addedAt: late } });
    await recipients.updateOne({ _id: 'p1' }, { $min: { addedAt: early } });
    await recipients.updateOne({ _id: 'p1' }, { $min: { addedAt: late } });

    expect(await recipients.findOne({ _id: 'p1' })).toEqual({ _id: 'p1', addedAt: early });
  });

  it('adds each value once with $addToSet $each, and returns the document after with findOneAndUpdate (a notice gaining registrants)', async () => {
    const notices = fresh('notices');
    await notices.insertOne({ _id: 'n1', emails: ['a@x.example'] });

    const after = await notices.findOneAndUpdate({ _id: 'n1' }, { $addToSet: { emails: { $each: ['b@x.example', 'a@x.example', 'b@x.example'] } } }, { returnDocument: 'after' });

    expect(after?.['emails']).toEqual(['a@x.example', 'b@x.example']);
  });

  it('writes $setOnInsert fields only when an upsert inserts, returning the stored document either way (a notice fixed by its first handling)', async () => {
    const notices = fresh('notices');
    const first = await notices.findOneAndUpdate({ _id: 'e1:notice' }, { $setOnInsert: { at: 1 } }, { upsert: true, returnDocument: 'after' });
    const second = await notices.findOneAndUpdate({ _id: 'e1:notice' }, { $setOnInsert: { at: 2 } }, { upsert: true, returnDocument: 'after' });

    expect([first, second]).toEqual([{ _id: 'e1:notice', at: 1 }, { _id: 'e1:notice', at: 1 }]);
  });

  it('matches { array: { $ne: v } } only where no element equals v, and { field: { $nin: [...] } } only outside the list (except)', async () => {
    const notices = fresh('notices');
    await notices.insertMany([{ _id: 'a', except: [] }, { _id: 'b', except: ['ada@x.example'] }, { _id: 'c', except: ['leo@x.example', 'ada@x.example'] }]);
    const people = fresh('people');
    await people.insertMany([{ _id: 'p1', email: 'ada@x.example' }, { _id: 'p2', email: 'leo@x.example' }]);

    expect((await notices.find({ except: { $ne: 'ada@x.example' } }).toArray()).map((d) => d._id)).toEqual(['a']);
    expect((await people.find({ email: { $nin: ['ada@x.example'] } }).toArray()).map((d) => d._id)).toEqual(['p2']);
  });

  it('lists the distinct values of a field among the matching documents (the addresses with e-mails held for the digest)', async () => {
    const emails = fresh('emails');
    await emails.insertMany([
      { address: 'a@x.example', status: 'held' }, { address: 'a@x.example', status: 'held' }, { address: 'b@x.example', status: 'held' }, { address: 'c@x.example', status: 'sent' },
    ]);

    expect((await emails.distinct('address', { status: 'held' })).sort()).toEqual(['a@x.example', 'b@x.example']);
  });

  it('replaces a document whole with findOneAndReplace and upsert, inserting it the first time (preferences)', async () => {
    const preferences = fresh('preferences');

    await preferences.findOneAndReplace({ _id: 'p1' }, { emailOff: ['a', 'b'], digest: 'daily' }, { upsert: true, returnDocument: 'after' });
    const after = await preferences.findOneAndReplace({ _id: 'p1' }, { emailOff: [], digest: 'immediate' }, { upsert: true, returnDocument: 'after' });

    expect(after).toEqual({ _id: 'p1', emailOff: [], digest: 'immediate' });
  });

  it('claims the oldest due document with findOneAndUpdate, a sort and $inc, one claimer each (deliveries)', async () => {
    const deliveries = fresh('deliveries');
    const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute));
    await deliveries.insertMany([
      { _id: 'd2', status: 'pending', nextAttemptAt: at(2), attempts: 0 }, { _id: 'd1', status: 'pending', nextAttemptAt: at(1), attempts: 0 },
      { _id: 'd3', status: 'pending', nextAttemptAt: at(30), attempts: 0 },
    ]);
    const claim = () =>
      deliveries.findOneAndUpdate({ status: 'pending', nextAttemptAt: { $lte: at(10) } }, { $set: { nextAttemptAt: at(60) }, $inc: { attempts: 1 } }, { sort: { nextAttemptAt: 1 }, returnDocument: 'after' });

    const claimed = await Promise.all([claim(), claim(), claim()]);

    expect(claimed.map((d) => d?._id ?? null).sort()).toEqual(['d1', 'd2', null]);
    expect(claimed.find((d) => d?._id === 'd1')).toMatchObject({ attempts: 1 });
  });

  it('builds a TTL index and reports its expireAfterSeconds (notices kept 35 days)', async () => {
    const notices = fresh('notices');
    await notices.createIndex({ createdAt: 1 }, { expireAfterSeconds: 35 * 24 * 3600 });

    const ttl = (await notices.listIndexes().toArray()).find((index) => index['key']?.createdAt === 1);
    expect(ttl?.['expireAfterSeconds']).toBe(35 * 24 * 3600);
  });
});
