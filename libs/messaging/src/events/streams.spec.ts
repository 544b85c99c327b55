// Stream declarations against a real nats-server, each in a namespace of its own.
import { JetStreamManager, NatsConnection, connect, nanos } from 'nats';
import { requireServer, uniqueName } from '@grappes/testing';
import { RETENTION, declareDeadLetterStream, declareEventStream, streamNameIn } from './streams';

const NATS_URL = requireServer('NATS_URL');
let nc: NatsConnection;
let jsm: JetStreamManager;
let namespace: string;

beforeAll(async () => {
  nc = await connect({ servers: NATS_URL });
  jsm = await nc.jetstreamManager();
});

beforeEach(() => {
  namespace = uniqueName('streams');
});

afterEach(async () => {
  for (const stream of ['EVENTS_CLUSTERS', 'DEAD_LETTERS']) await jsm.streams.delete(streamNameIn(stream, namespace)).catch(() => undefined);
});

afterAll(async () => {
  await nc?.drain();
});

describe('stream retention', () => {
  it('keeps events for a bounded age and size, within the time processed ids are remembered', async () => {
    const { config } = await jsm.streams.info(await declareEventStream(jsm, 'clusters', namespace));

    expect(config.max_age).toBe(nanos(RETENTION.events.maxAgeMs));
    expect(config.max_bytes).toBe(RETENTION.events.maxBytes);
  });

  it('keeps dead letters for a bounded age and size, and gives limits to a stream declared without them before', async () => {
    const name = streamNameIn('DEAD_LETTERS', namespace);
    await jsm.streams.add({ name, subjects: [`${namespace}.deadletters.>`] });

    const { config } = await jsm.streams.info(await declareDeadLetterStream(jsm, namespace));

    expect(config.max_age).toBe(nanos(RETENTION.deadLetters.maxAgeMs));
    expect(config.max_bytes).toBe(RETENTION.deadLetters.maxBytes);
  });
});
