// applyOnce against a real MongoDB-wire server, in a database of its own dropped at the end.
import { CLUSTERS_EVENTS, ClusterSnapshot } from '@grappes/contracts';
import mongoose, { Connection, Model, Schema } from 'mongoose';
import { requireServer, testDatabaseOptions, uniqueName } from '@grappes/testing';
import { createEvent } from './event-factory';
import { PROCESSED_EVENTS_TTL_SECONDS, applyIfNewer, applyOnce, onlyDuplicateKeys } from './idempotency';

const MONGODB_URI = requireServer('MONGODB_URI');

let db: Connection;

const anEvent = () =>
  createEvent(CLUSTERS_EVENTS.clusterCreated, { subject: 'clusters/c-1', version: 1 }, {
    version: 1,
    clusterId: 'c-1',
    name: 'Grappe Mouvements',
    theme: 'movements',
    admission: 'open',
  } as ClusterSnapshot);

beforeAll(async () => {
  db = await mongoose.createConnection(MONGODB_URI, { ...testDatabaseOptions, dbName: uniqueName('idempotency_test') }).asPromise();
});

afterAll(async () => {
  await db?.dropDatabase();
  await db?.close();
});

describe('applyOnce', () => {
  it('runs the effect once for the same event and consumer, however often the event arrives', async () => {
    const event = anEvent();
    let runs = 0;
    const effect = async () => void runs++;

    const results = [await applyOnce(db, 'notifications', event, effect), await applyOnce(db, 'notifications', event, effect)];

    expect(results).toEqual([true, false]);
    expect(runs).toBe(1);
  });

  it('runs the effect again for another consumer of the same event', async () => {
    const event = anEvent();
    const ran: string[] = [];

    await applyOnce(db, 'notifications', event, async () => void ran.push('notifications'));
    const again = await applyOnce(db, 'workshops', event, async () => void ran.push('workshops'));

    expect(again).toBe(true);
    expect(ran).toEqual(['notifications', 'workshops']);
  });

  it('runs the effect of another event for the same consumer', async () => {
    let runs = 0;

    await applyOnce(db, 'notifications', anEvent(), async () => void runs++);
    await applyOnce(db, 'notifications', anEvent(), async () => void runs++);

    expect(runs).toBe(2);
  });

  it('runs the effect again when it failed the first time: nothing was recorded', async () => {
    const event = anEvent();
    let runs = 0;
    const flaky = async () => {
      if (++runs === 1) throw new Error('the database blinked');
    };

    await expect(applyOnce(db, 'notifications', event, flaky)).rejects.toThrow('the database blinked');
    await expect(applyOnce(db, 'notifications', event, flaky)).resolves.toBe(true);
    expect(runs).toBe(2);
  });
});

describe('the record of processed events', () => {
  it('expires, after the time that every stream and dead-letter replay stays within', async () => {
    await applyOnce(db, 'notifications', anEvent(), async () => undefined);

    const indexes = await db.collection('processed_events').indexes();
    expect(indexes).toContainEqual(expect.objectContaining({ key: { at: 1 }, expireAfterSeconds: PROCESSED_EVENTS_TTL_SECONDS }));
  });
});

describe('applyIfNewer', () => {
  it('keeps the newer version when two upserts of one new id race, whichever inserts first', async () => {
    const Projection = db.model('RacedProjection', new Schema({ _id: String, name: String, version: Number }));
    await Projection.init();
    const ids = Array.from({ length: 150 }, (_, i) => `p-${i}`);

    await Promise.all(
      ids.flatMap((id) => [
        applyIfNewer(Projection, id, 1, { name: 'old' }),
        applyIfNewer(Projection, id, 2, { name: 'new' }),
      ]),
    );

    const stored = await Projection.find({}).lean();
    expect(stored.filter((doc) => doc.version !== 2).map((doc) => doc._id)).toEqual([]);
    expect(stored).toHaveLength(ids.length);
  });

  /**
   * The race happens inside one upsert on the server: it finds no document,
   * the other upsert inserts one, then its own insert fails with E11000. No
   * client can pause a server between those two steps, and SecantusDB runs
   * writes one at a time, so hammering it never loses the race. This model
   * plays the two halves with real calls instead: the upsert's search finds
   * nothing (the id is new), the older event's upsert then stores its version,
   * and the newer one's insert meets the real server's duplicate-key error.
   */
  function racedBy<T>(model: Model<T>, older: () => Promise<void>): Model<T> {
    let raced = false;
    const updateOne = async (filter: { _id: string }, update: { $set: Record<string, unknown> }, options?: { upsert?: boolean }) => {
      if (!options?.upsert || raced) return model.updateOne(filter as object, update as object, options);
      raced = true;
      expect(await model.exists({ _id: filter._id } as object)).toBeNull(); // the search: a new id
      await older(); // the other upsert wins the insert meanwhile
      await model.collection.insertOne({ _id: filter._id, ...update.$set } as never); // the write: E11000
      throw new Error('the raced insert should have met a duplicate key');
    };
    return new Proxy(model, { get: (target, key) => (key === 'updateOne' ? updateOne : Reflect.get(target, key)) });
  }

  it('stores the newer version when its upsert of a new id loses the insert to an older one (E11000), by retrying as an update', async () => {
    const Projection = db.model('LostRaceProjection', new Schema({ _id: String, name: String, version: Number }));
    await Projection.init();

    await applyIfNewer(racedBy(Projection, () => applyIfNewer(Projection, 'p-1', 1, { name: 'old' })), 'p-1', 2, { name: 'new' });

    expect(await Projection.findById('p-1').lean()).toMatchObject({ name: 'new', version: 2 });
  });

  it('leaves a newer stored version as it is when an older event loses the insert race to it', async () => {
    const Projection = db.model('WonRaceProjection', new Schema({ _id: String, name: String, version: Number }));
    await Projection.init();

    await applyIfNewer(racedBy(Projection, () => applyIfNewer(Projection, 'p-1', 3, { name: 'new' })), 'p-1', 2, { name: 'old' });

    expect(await Projection.findById('p-1').lean()).toMatchObject({ name: 'new', version: 3 });
  });
});

describe('onlyDuplicateKeys', () => {
  it('takes a single duplicate key, and a bulk insert whose every failure is one, but not a bulk with another failure', () => {
    expect(onlyDuplicateKeys({ code: 11000 })).toBe(true);
    expect(onlyDuplicateKeys({ code: 11000, writeErrors: [{ code: 11000 }, { code: 11000 }] })).toBe(true);
    expect(onlyDuplicateKeys({ code: 11000, writeErrors: [{ code: 11000 }, { code: 121 }] })).toBe(false);
    expect(onlyDuplicateKeys({ code: 121 })).toBe(false);
    expect(onlyDuplicateKeys(new Error('connection closed'))).toBe(false);
  });
});
