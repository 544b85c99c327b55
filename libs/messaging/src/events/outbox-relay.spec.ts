// OutboxRelay against a real MongoDB-wire server (mongoose) and a real JetStream.
// Each test publishes into its own namespaced stream; the database is dropped at the end.
import { CLUSTERS_EVENTS, ClusterSnapshot, EventEnvelope } from '@grappes/contracts';
import mongoose, { Connection, Model, Schema } from 'mongoose';
import { JetStreamClient, JetStreamManager, NatsConnection, connect } from 'nats';
import { requireServer, testDatabaseOptions, uniqueName, waitFor } from '@grappes/testing';
import { NO_METRICS } from '../metrics/messaging-metrics';
import { createEvent } from './event-factory';
import { Aggregate, outboxPlugin, withEvents } from './outbox';
import { OutboxRelay, OutboxRelayOptions } from './outbox-relay';
import { declareEventStream } from './streams';
import { inTransaction } from './transaction';

const NATS_URL = requireServer('NATS_URL');
const MONGODB_URI = requireServer('MONGODB_URI');

interface Cluster extends Aggregate {
  name: string;
}

let nc: NatsConnection;
let jsm: JetStreamManager;
let db: Connection;
let Clusters: Model<Cluster>;
let namespace: string;
let stream: string;
const relays: OutboxRelay[] = [];

function startRelay(options: Partial<OutboxRelayOptions> = {}): OutboxRelay {
  const relay = new OutboxRelay(nc.jetstream(), () => [Clusters as unknown as Model<Aggregate>], {
    sweepIntervalMs: 60_000, // never within a test, unless a test asks for a short one
    namespace,
    ...options,
  });
  relay.onApplicationBootstrap();
  relays.push(relay);
  return relay;
}

function clusterCreated(clusterId: string, version: number): EventEnvelope {
  return createEvent(CLUSTERS_EVENTS.clusterCreated, { subject: `clusters/${clusterId}`, version }, {
    version,
    clusterId,
    name: 'Grappe Cadrans',
    theme: 'dials',
    admission: 'open',
  } as ClusterSnapshot);
}

/** Every message of the test's stream, in stream order. */
async function published(): Promise<{ event: EventEnvelope; msgId: string }[]> {
  const { state } = await jsm.streams.info(stream);
  const messages = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    const message = await jsm.streams.getMessage(stream, { seq });
    messages.push({ event: message.json<EventEnvelope>(), msgId: message.header.get('Nats-Msg-Id') });
  }
  return messages;
}

const pendingCount = () => Clusters.countDocuments({ 'pendingEvents.id': { $exists: true } });

beforeAll(async () => {
  nc = await connect({ servers: NATS_URL });
  jsm = await nc.jetstreamManager();
  db = await mongoose.createConnection(MONGODB_URI, { ...testDatabaseOptions, dbName: uniqueName('outbox_test') }).asPromise();
  const schema = new Schema({ name: { type: String, required: true } });
  schema.plugin(outboxPlugin);
  Clusters = db.model<Cluster>('Cluster', schema);
  await Clusters.init();
});

beforeEach(async () => {
  namespace = uniqueName('outbox');
  stream = await declareEventStream(jsm, 'clusters', namespace);
});

afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.beforeApplicationShutdown()));
  await jsm.streams.delete(stream);
  await Clusters.deleteMany({});
});

afterAll(async () => {
  await db?.dropDatabase();
  await db?.close();
  await nc?.drain();
});

describe('OutboxRelay', () => {
  it('publishes the events of a write as soon as the write is done, and removes them from the document', async () => {
    startRelay();
    const created = clusterCreated('c-1', 1);
    const updated = clusterCreated('c-1', 2);

    const doc = await Clusters.create({ name: 'Grappe Cadrans', version: 1, pendingEvents: [created] });
    await Clusters.findOneAndUpdate({ _id: doc._id, version: 1 }, withEvents({ name: 'Grappe Cadrans 2' }, [updated]));

    await waitFor(async () => (await pendingCount()) === 0, 'the pending events to leave the document', 2_000);
    const messages = await published();
    expect(messages.map((m) => m.event)).toEqual([created, updated]);
    expect(messages.map((m) => m.msgId)).toEqual([created.id, updated.id]);
    expect(await Clusters.findById(doc._id).lean()).toMatchObject({ name: 'Grappe Cadrans 2', version: 2, pendingEvents: [] });
  });

  it('publishes at start-up the events a crashed instance wrote but never published', async () => {
    const event = clusterCreated('c-2', 1);
    await Clusters.create({ name: 'Grappe Cadrans', version: 1, pendingEvents: [event] }); // no relay listens

    startRelay();

    await waitFor(async () => (await pendingCount()) === 0, 'the relay to publish');
    expect((await published()).map((m) => m.event.id)).toEqual([event.id]);
  });

  it('publishes on its timer sweep the events of a write whose wake-up was lost', async () => {
    await startRelay({ sweepIntervalMs: 100 }).drain(); // the start-up pass is over
    const event = clusterCreated('c-3', 1);

    // Through the raw driver: no mongoose middleware, so nothing wakes the relay.
    await Clusters.collection.insertOne({ name: 'Grappe Cadrans', version: 1, pendingEvents: [event] });

    await waitFor(async () => (await pendingCount()) === 0, 'the sweep to publish', 2_000);
    expect((await published()).map((m) => m.event.id)).toEqual([event.id]);
  });

  it('puts each event into the stream once when two relays run at once', async () => {
    const events = Array.from({ length: 20 }, (_, i) => [clusterCreated(`c-${i}`, 1), clusterCreated(`c-${i}`, 2)]);
    await Clusters.collection.insertMany(events.map((pendingEvents) => ({ name: 'Grappe', version: 2, pendingEvents })));

    const [a, b] = [startRelay(), startRelay()];
    await Promise.all([a.drain(), b.drain()]);

    await waitFor(async () => (await pendingCount()) === 0, 'both relays to finish');
    const ids = (await published()).map((m) => m.event.id);
    expect(ids).toHaveLength(40);
    expect(new Set(ids)).toEqual(new Set(events.flat().map((e) => e.id)));
  });

  it('publishes the events of one aggregate in the order they were recorded', async () => {
    startRelay();
    const doc = await Clusters.create({ name: 'Grappe Cadrans', version: 0 });

    for (let version = 1; version <= 6; version++) {
      // Each write wakes the relay, often while it is still publishing the previous one.
      await Clusters.updateOne({ _id: doc._id, version: version - 1 }, withEvents({ name: `Grappe v${version}` }, [clusterCreated('c-9', version)]));
    }
    await Clusters.updateOne({ _id: doc._id }, withEvents({ name: 'Grappe v9' }, [7, 8, 9].map((v) => clusterCreated('c-9', v))));

    await waitFor(async () => (await published()).length === 9, 'nine events', 2_000);
    expect((await published()).map((m) => m.event.aggregateversion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await waitFor(async () => (await pendingCount()) === 0, 'the document to have no pending event');
  });

  it('reports each event it publishes, and after each sweep how many are left', async () => {
    const seen = { published: 0, pending: [] as number[] };
    const metrics = { ...NO_METRICS, eventPublished: () => void seen.published++, eventsPending: (n: number) => void seen.pending.push(n) };
    const events = [[clusterCreated('c-1', 1), clusterCreated('c-1', 2)], [clusterCreated('c-2', 1)]];
    await Clusters.collection.insertMany(events.map((pendingEvents) => ({ name: 'Grappe', version: pendingEvents.length, pendingEvents })));

    // No stream takes this namespace's subjects: every publish fails and the events stay.
    const blocked = startRelay({ metrics, namespace: uniqueName('nostream') });
    await blocked.sweep();
    await blocked.beforeApplicationShutdown();
    // The first sweep at bootstrap and the one asked here both find the three events left.
    expect(seen.published).toBe(0);
    expect(seen.pending.length).toBeGreaterThan(0);
    expect(seen.pending.every((n) => n === 3)).toBe(true);

    await startRelay({ metrics }).sweep();
    expect(seen.published).toBe(3);
    expect(seen.pending.at(-1)).toBe(0);
    expect(await published()).toHaveLength(3);
  });

  it('publishes the events a transaction wrote as soon as it commits, not at the next sweep', async () => {
    startRelay();
    const created = clusterCreated('c-1', 1);

    await inTransaction(db, async (session) => {
      await Clusters.create([{ name: 'Grappe Cadrans', version: 1, pendingEvents: [created] }], { session });
    });

    await waitFor(async () => (await pendingCount()) === 0, 'the pending event to leave the document', 2_000);
    expect((await published()).map((m) => m.event)).toEqual([created]);
  });

  it('publishes nothing of a transaction that fails, and writes none of it', async () => {
    startRelay();

    const failed = inTransaction(db, async (session) => {
      await Clusters.create([{ name: 'Grappe Cadrans', version: 1, pendingEvents: [clusterCreated('c-1', 1)] }], { session });
      throw new Error('refused after the write');
    });

    await expect(failed).rejects.toThrow('refused after the write');
    expect(await Clusters.countDocuments()).toBe(0);
    expect(await published()).toEqual([]);
  });

  it('publishes the events of every other aggregate when one holds an event that cannot be published', async () => {
    const poison = { ...clusterCreated('c-poison', 1), type: 'not-a-grappes-type' };
    const good = clusterCreated('c-good', 1);
    await Clusters.collection.insertMany([
      { name: 'Grappe Poison', version: 1, pendingEvents: [poison] },
      { name: 'Grappe Saine', version: 1, pendingEvents: [good] },
    ]);

    await startRelay().sweep();

    expect((await published()).map((m) => m.event.id)).toEqual([good.id]);
    expect(await pendingCount()).toBe(1);
  });

  it('counts a published event it finds already gone from the outbox when removing it', async () => {
    let missed = 0;
    const event = clusterCreated('c-1', 1);
    const doc = await Clusters.collection.insertOne({ name: 'Grappe', version: 1, pendingEvents: [event] });
    // Another relay publishes and removes the same event while this one publishes it.
    const js = nc.jetstream();
    const racing = {
      publish: async (...args: Parameters<JetStreamClient['publish']>) => {
        const ack = await js.publish(...args);
        await Clusters.collection.updateOne({ _id: doc.insertedId }, { $set: { pendingEvents: [] } });
        return ack;
      },
    } as JetStreamClient;
    const metrics = { ...NO_METRICS, eventRemovalMissed: () => void missed++ };
    const relay = new OutboxRelay(racing, () => [Clusters as unknown as Model<Aggregate>], { sweepIntervalMs: 60_000, namespace, metrics });
    relays.push(relay);

    relay.onApplicationBootstrap();
    await relay.drain();

    expect(missed).toBe(1);
    expect(await published()).toHaveLength(1);
  });
});
