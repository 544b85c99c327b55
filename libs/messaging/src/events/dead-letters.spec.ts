// Listing and replaying dead letters, against a real nats-server, with the consumers
// that write them (JetStreamServer). Each test runs in its own namespace (its own
// streams), deleted afterwards. The last tests run the operator command
// (npm run dead-letters, built on this module) and check what it prints.
import { Controller, Inject, INestMicroservice } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { CLUSTERS_EVENTS, CompanyJoinedCluster, EventEnvelope, natsSubjectOf } from '@grappes/contracts';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { JetStreamClient, JetStreamManager, NatsConnection, StorageType, connect, headers as natsHeaders } from 'nats';
import { useContractDoors } from '../rpc/contract-doors';
import { freePort, requireServer, sleep, uniqueName, waitFor } from '@grappes/testing';
import { DeadLetter, listDeadLetters, replayDeadLetters } from './dead-letters';
import { createEvent } from './event-factory';
import { JetStreamServer } from './jetstream.server';
import { OnEvent } from './on-event.decorator';
import { declareEventStream, inNamespace, streamNameIn } from './streams';

const NATS_URL = requireServer('NATS_URL');
const COMMAND = resolve(__dirname, '../../../../scripts/dead-letters.mjs');
/** Each run of the command starts a process that compiles the library's source: a second or two. */
const COMMAND_TIMEOUT_MS = 30_000;
const SUBJECT = CLUSTERS_EVENTS.companyJoinedCluster.subject;

type Joined = EventEnvelope<CompanyJoinedCluster>;
type Behaviour = (event: Joined) => unknown;
const BEHAVIOUR = Symbol('behaviour');

@Controller()
class JoinedController {
  constructor(@Inject(BEHAVIOUR) private readonly behaviour: Behaviour) {}

  @OnEvent(CLUSTERS_EVENTS.companyJoinedCluster)
  joined(@Payload() event: Joined) {
    return this.behaviour(event);
  }
}

/** A handler that fails until it is fixed, and records what it handled. */
class Handler {
  broken = true;
  readonly handled: string[] = [];
  readonly behaviour: Behaviour = (event) => {
    if (this.broken) throw new Error('the database is down');
    this.handled.push(event.id);
  };
}

let nc: NatsConnection;
let js: JetStreamClient;
let jsm: JetStreamManager;
let namespace: string;
const running = new Set<INestMicroservice>();

/** A consuming service: two attempts, a short retry delay. */
async function startConsumer(service: string, handler: Handler): Promise<INestMicroservice> {
  const moduleRef = await Test.createTestingModule({
    controllers: [JoinedController],
    providers: [{ provide: BEHAVIOUR, useValue: handler.behaviour }],
  }).compile();
  const strategy = new JetStreamServer({ servers: NATS_URL, service, namespace, maxAttempts: 2, retryDelaysMs: [20] });
  const app = moduleRef.createNestMicroservice({ strategy, logger: false });
  // As bootstrapService wires every transport of a service (the filter keeps the handler's error as the reason).
  useContractDoors(app);
  await app.listen();
  running.add(app);
  return app;
}

function joinedEvent(companyId = 'co-1'): Joined {
  return createEvent(CLUSTERS_EVENTS.companyJoinedCluster, { subject: `clusters/c-1/members/${companyId}`, version: 2 }, {
    version: 2,
    clusterId: 'c-1',
    clusterName: 'Grappe Boîtiers',
    theme: 'cases',
    companyId,
    companyName: 'Boîtiers du Doubs',
    role: 'member',
    joinedAt: '2026-03-02T09:00:00.000Z',
  });
}

function publish(event: EventEnvelope) {
  return js.publish(inNamespace(natsSubjectOf(event), namespace), JSON.stringify(event), { msgID: event.id });
}

/** Every message of the namespace's EVENTS_CLUSTERS stream, with its Nats-Msg-Id. */
async function eventsInStream(): Promise<{ id: string; msgId: string }[]> {
  const stream = streamNameIn('EVENTS_CLUSTERS', namespace);
  const { state } = await jsm.streams.info(stream);
  const messages = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    const message = await jsm.streams.getMessage(stream, { seq });
    messages.push({ id: message.json<EventEnvelope>().id, msgId: message.header.get('Nats-Msg-Id') });
  }
  return messages;
}

const list = (query: { service?: string } = {}) => listDeadLetters(nc, { ...query, namespace });

async function command(...args: string[]): Promise<string> {
  return commandOn(NATS_URL, ...args);
}

async function commandOn(natsUrl: string, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [COMMAND, ...args, '--namespace', namespace], {
    env: { ...process.env, NATS_URL: natsUrl },
    timeout: 10_000,
  });
  return stdout;
}

beforeAll(async () => {
  nc = await connect({ servers: NATS_URL });
  js = nc.jetstream();
  jsm = await nc.jetstreamManager();
});

beforeEach(() => {
  namespace = uniqueName('deadletters');
});

afterEach(async () => {
  await Promise.all([...running].map((app) => app.close()));
  running.clear();
  for (const stream of ['EVENTS_CLUSTERS', 'DEAD_LETTERS']) {
    await jsm.streams.delete(streamNameIn(stream, namespace)).catch(() => undefined);
  }
});

afterAll(async () => {
  await nc?.drain();
});

describe('dead letters', () => {
  it('lists an event whose handler failed every attempt, with its reason; replayed once the handler is fixed, it is handled once and leaves the dead letters', async () => {
    const service = uniqueName('consumer');
    const handler = new Handler();
    await startConsumer(service, handler);
    const event = joinedEvent();

    await publish(event);

    const [dead] = await waitFor(async () => ((await list()).length === 1 ? list() : undefined), 'the dead letter');
    expect(dead).toEqual<DeadLetter>({
      seq: expect.any(Number),
      service,
      subject: SUBJECT,
      stream: streamNameIn('EVENTS_CLUSTERS', namespace),
      reason: 'the database is down',
      attempts: 2,
      eventId: event.id,
      type: event.type,
      time: event.time,
      deadLetteredAt: expect.any(String),
    });
    expect(handler.handled).toEqual([]);

    handler.broken = false;
    const replayed = await replayDeadLetters(nc, { namespace });

    expect(replayed).toEqual([
      { ...dead, msgId: `${event.id}:replay:${dead.seq}`, publishedOn: inNamespace(SUBJECT, namespace), duplicate: false },
    ]);
    await waitFor(() => handler.handled.length === 1, 'the replayed event to be handled');
    await sleep(200); // longer than the retry delay: a second delivery would show
    expect(handler.handled).toEqual([event.id]);
    expect(await list()).toEqual([]);
    expect(await eventsInStream()).toEqual([
      { id: event.id, msgId: event.id },
      { id: event.id, msgId: `${event.id}:replay:${dead.seq}` },
    ]);
  });

  it('publishes a dead letter once when it is replayed twice, as after a replay interrupted before the dead letter was deleted', async () => {
    // A dead letter written as JetStreamServer writes it, in a stream that refuses deletions:
    // every replay stops between publishing and deleting.
    const eventsStream = await declareEventStream(jsm, 'clusters', namespace);
    const deadLetters = streamNameIn('DEAD_LETTERS', namespace);
    await jsm.streams.add({ name: deadLetters, subjects: [inNamespace('deadletters.>', namespace)], storage: StorageType.Memory, deny_delete: true });
    const event = joinedEvent();
    const h = natsHeaders();
    h.set('x-dead-letter-reason', 'the database is down');
    h.set('x-original-subject', inNamespace(SUBJECT, namespace));
    h.set('x-original-stream', eventsStream);
    h.set('x-attempts', '5');
    const { seq } = await js.publish(inNamespace(`deadletters.notifications.${SUBJECT}`, namespace), JSON.stringify(event), { headers: h });

    await expect(replayDeadLetters(nc, { namespace })).rejects.toThrow(`Dead letter ${seq} was republished (Nats-Msg-Id ${event.id}:replay:${seq}) but could not be deleted`);
    await expect(replayDeadLetters(nc, { namespace })).rejects.toThrow('could not be deleted');

    expect(await eventsInStream()).toEqual([{ id: event.id, msgId: `${event.id}:replay:${seq}` }]);
    expect(await list()).toEqual([expect.objectContaining({ seq, service: 'notifications', attempts: 5, eventId: event.id })]);
  });

  it('replays nothing when there are no dead letters, whether or not their stream exists yet', async () => {
    expect(await list()).toEqual([]);
    expect(await replayDeadLetters(nc, { namespace })).toEqual([]);

    await startConsumer(uniqueName('consumer'), new Handler()); // declares the (empty) dead-letter stream
    expect(await list()).toEqual([]);
    expect(await replayDeadLetters(nc, { namespace })).toEqual([]);
    expect(await replayDeadLetters(nc, { namespace, seq: 1 })).toEqual([]);
  });

  it("selects by service: lists and replays only that service's dead letters", async () => {
    const [billing, mailing] = [uniqueName('billing'), uniqueName('mailing')];
    const [billingHandler, mailingHandler] = [new Handler(), new Handler()];
    await startConsumer(billing, billingHandler);
    await startConsumer(mailing, mailingHandler);
    const event = joinedEvent();

    await publish(event);

    await waitFor(async () => (await list()).length === 2, 'a dead letter from each service');
    const [billingDead] = await list({ service: billing });
    const [mailingDead] = await list({ service: mailing });
    expect(await list({ service: billing })).toEqual([expect.objectContaining({ service: billing, eventId: event.id })]);
    expect(await list({ service: mailing })).toEqual([expect.objectContaining({ service: mailing, eventId: event.id })]);
    expect(await list({ service: uniqueName('nobody') })).toEqual([]);

    billingHandler.broken = false;
    mailingHandler.broken = false;
    const replayed = await replayDeadLetters(nc, { namespace, service: billing });

    expect(replayed.map((d) => [d.seq, d.service])).toEqual([[billingDead.seq, billing]]);
    expect(await list()).toEqual([mailingDead]);
    // Replayed on its original subject, the event reaches every consumer of the stream.
    await waitFor(() => billingHandler.handled.length === 1 && mailingHandler.handled.length === 1, 'both services to handle the replay');
  });

  it('replays only the dead letter of the sequence asked for', async () => {
    const service = uniqueName('consumer');
    const handler = new Handler();
    await startConsumer(service, handler);
    const [first, second] = [joinedEvent('co-1'), joinedEvent('co-2')];

    await publish(first);
    await publish(second);

    const dead = await waitFor(async () => ((await list()).length === 2 ? list() : undefined), 'two dead letters');
    const secondDead = dead.find((d) => d.eventId === second.id);
    expect(secondDead).toBeDefined();
    handler.broken = false;
    const replayed = await replayDeadLetters(nc, { namespace, seq: secondDead?.seq });

    expect(replayed.map((d) => d.eventId)).toEqual([second.id]);
    await waitFor(() => handler.handled.length === 1, 'the replayed event');
    expect(handler.handled).toEqual([second.id]);
    expect((await list()).map((d) => d.eventId)).toEqual([first.id]);
  });

  it('the operator command lists what listDeadLetters lists, as a table or as JSON, and replays as replayDeadLetters does', async () => {
    const service = uniqueName('consumer');
    const handler = new Handler();
    await startConsumer(service, handler);
    const event = joinedEvent();
    await publish(event);
    const [dead] = await waitFor(async () => ((await list()).length === 1 ? list() : undefined), 'the dead letter');

    expect(JSON.parse(await command('list', '--json'))).toEqual([dead]);
    expect(JSON.parse(await command('list', '--json', '--service', uniqueName('nobody')))).toEqual([]);
    const table = (await command('list', '--service', service)).split('\n');
    expect(table[0]).toMatch(/^SEQ\s+SERVICE\s+SUBJECT\s+ATTEMPTS\s+DEAD-LETTERED AT\s+EVENT ID\s+REASON$/);
    expect(table[1].split(/\s+/)).toEqual([String(dead.seq), service, SUBJECT, '2', dead.deadLetteredAt, event.id, 'the', 'database', 'is', 'down']);
    expect(table).toContain('1 dead letter(s).');

    handler.broken = false;
    const output = await command('replay', '--service', service);

    expect(output).toBe(
      `replayed #${dead.seq} ${service} ${SUBJECT} event ${event.id} as ${event.id}:replay:${dead.seq}\n1 dead letter(s) replayed.\n`,
    );
    await waitFor(() => handler.handled.length === 1, 'the replayed event');
    expect(await list()).toEqual([]);
    expect(await command('replay')).toBe('No dead letters to replay.\n');
    expect(await command('list')).toBe('No dead letters.\n');
    expect((await eventsInStream()).map((m) => m.msgId)).toEqual([event.id, `${event.id}:replay:${dead.seq}`]);
  }, COMMAND_TIMEOUT_MS);

  it('the operator command refuses an unknown command or option with its usage', async () => {
    await expect(command('purge')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run dead-letters -- list') });
    await expect(command('replay', '--seq', 'abc')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--seq takes a positive whole number') });
  }, COMMAND_TIMEOUT_MS);

  it('the operator command connects to a comma-separated NATS_URL (a cluster), though one server of it is down', async () => {
    const down = `nats://127.0.0.1:${await freePort()}`;

    expect(await commandOn(`${NATS_URL},${down}`, 'list')).toBe('No dead letters.\n');
  }, COMMAND_TIMEOUT_MS);
});
