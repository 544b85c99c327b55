// applyOnce against a real MongoDB-wire server, in a database of its own dropped at the end.
import { CLUSTERS_EVENTS, ClusterSnapshot } from '@grappes/contracts';
import mongoose, { Connection, Schema } from 'mongoose';
import { requireServer, testDatabaseOptions, uniqueName } from '@grappes/testing';
import { createEvent } from './event-factory';
import { PROCESSED_EVENTS_TTL_SECONDS, applyIfNewer, applyOnce } from './idempotency';

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
});
