// JetStreamServer, the Nest transport that consumes events, against a real nats-server.
// Each test runs in its own namespace (its own streams), deleted afterwards.
import { Controller, Inject, INestMicroservice, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { CLUSTERS_EVENTS, ClusterSnapshot, CompanyJoinedCluster, DomainError, ERRORS, EventEnvelope, natsSubjectOf } from '@grappes/contracts';
import { AckPolicy, JetStreamClient, JetStreamManager, NatsConnection, connect, nanos } from 'nats';
import { EventOutcome, NO_METRICS } from '../metrics/messaging-metrics';
import { useContractDoors } from '../rpc/contract-doors';
import { NatsServerProcess, freePort, requireServer, sleep, uniqueName, waitFor } from '@grappes/testing';
import { createEvent } from './event-factory';
import { JetStreamContext } from './jetstream-context';
import { JetStreamServer, JetStreamServerOptions } from './jetstream.server';
import { OnEvent } from './on-event.decorator';
import { declareEventStream, inNamespace, streamNameIn } from './streams';

const NATS_URL = requireServer('NATS_URL');

type Joined = EventEnvelope<CompanyJoinedCluster>;
type Behaviour = (event: Joined, context: JetStreamContext) => unknown;
const BEHAVIOUR = Symbol('behaviour');

@Controller()
class JoinedController {
  constructor(@Inject(BEHAVIOUR) private readonly behaviour: Behaviour) {}

  @OnEvent(CLUSTERS_EVENTS.companyJoinedCluster)
  joined(@Payload() event: Joined, @Ctx() context: JetStreamContext) {
    return this.behaviour(event, context);
  }
}

let nc: NatsConnection;
let js: JetStreamClient;
let jsm: JetStreamManager;
let namespace: string;
let service: string;
const running = new Set<INestMicroservice>();

async function startConsumer(behaviour: Behaviour, options: Partial<JetStreamServerOptions> = {}): Promise<INestMicroservice> {
  const moduleRef = await Test.createTestingModule({
    controllers: [JoinedController],
    providers: [{ provide: BEHAVIOUR, useValue: behaviour }],
  }).compile();
  const strategy = new JetStreamServer({ servers: NATS_URL, service, namespace, maxAttempts: 3, retryDelaysMs: [50], ...options });
  const app = moduleRef.createNestMicroservice({ strategy, logger: false });
  // As bootstrapService wires every transport of a service.
  useContractDoors(app);
  await app.listen();
  running.add(app);
  return app;
}

async function stop(app: INestMicroservice): Promise<void> {
  running.delete(app);
  await app.close();
}

function joinedEvent(data: Partial<CompanyJoinedCluster> = {}, subject = 'clusters/c-1'): Joined {
  return createEvent(CLUSTERS_EVENTS.companyJoinedCluster, { subject, version: 2 }, {
    version: 2,
    clusterId: 'c-1',
    clusterName: 'Grappe Boîtiers',
    theme: 'cases',
    companyId: 'co-1',
    companyName: 'Boîtiers du Doubs',
    role: 'member',
    joinedAt: '2026-03-02T09:00:00.000Z',
    ...data,
  });
}

function publish(event: EventEnvelope) {
  return js.publish(inNamespace(natsSubjectOf(event), namespace), JSON.stringify(event), { msgID: event.id });
}

function deadLetterOf(event: EventEnvelope) {
  const subject = inNamespace(`deadletters.${service}.${natsSubjectOf(event)}`, namespace);
  return jsm.streams.getMessage(streamNameIn('DEAD_LETTERS', namespace), { last_by_subj: subject });
}

function consumerInfo() {
  return jsm.consumers.info(streamNameIn('EVENTS_CLUSTERS', namespace), service);
}

beforeAll(async () => {
  nc = await connect({ servers: NATS_URL });
  js = nc.jetstream();
  jsm = await nc.jetstreamManager();
});

beforeEach(() => {
  namespace = uniqueName('jsserver');
  service = uniqueName('consumer');
});

afterEach(async () => {
  await Promise.all([...running].map(stop));
  for (const stream of ['EVENTS_CLUSTERS', 'DEAD_LETTERS']) {
    await jsm.streams.delete(streamNameIn(stream, namespace)).catch(() => undefined);
  }
});

afterAll(async () => {
  await nc?.drain();
});

describe('JetStreamServer', () => {
  it('hands the handler the validated envelope, with its data', async () => {
    const received: Joined[] = [];
    await startConsumer((event) => void received.push(event));
    const event = joinedEvent();

    await publish(event);

    await waitFor(() => received.length === 1, 'the event');
    expect(received[0]).toEqual(event);
    expect(received[0].data).toBeInstanceOf(CompanyJoinedCluster);
  });

  it('redelivers an event whose handler failed, and the retry succeeds', async () => {
    const attempts: number[] = [];
    let done = 0;
    await startConsumer((_event, context) => {
      attempts.push(context.attempt);
      if (context.attempt === 1) throw new Error('the database blinked');
      done++;
    });

    await publish(joinedEvent());

    await waitFor(() => done === 1, 'the retry');
    await waitFor(async () => (await consumerInfo()).num_ack_pending === 0, 'the ack');
    expect(attempts).toEqual([1, 2]);
  });

  it('moves an event whose handler fails every attempt to the dead letters, with the reason, and stops delivering it', async () => {
    const attempts: number[] = [];
    await startConsumer((_event, context) => {
      attempts.push(context.attempt);
      throw new Error('the database is down');
    });
    const event = joinedEvent();

    await publish(event);

    const dead = await waitFor(() => deadLetterOf(event), 'the dead letter');
    expect(dead.header.get('x-dead-letter-reason')).toContain('the database is down');
    expect(dead.header.get('x-attempts')).toBe('3');
    expect(dead.header.get('x-original-subject')).toBe(inNamespace(natsSubjectOf(event), namespace));
    expect(dead.json<Joined>().id).toBe(event.id);
    await sleep(300); // longer than the retry delay: a further delivery would show
    expect(attempts).toEqual([1, 2, 3]);
    expect((await consumerInfo()).num_ack_pending).toBe(0);
  });

  it('dead-letters an event whose data is invalid for its class at once, without calling the handler', async () => {
    const handled: Joined[] = [];
    await startConsumer((event) => void handled.push(event));
    const event = joinedEvent({ role: 'owner' as CompanyJoinedCluster['role'] });

    await publish(event);

    const dead = await waitFor(() => deadLetterOf(event), 'the dead letter');
    expect(dead.header.get('x-dead-letter-reason')).toContain('REQUEST.VALIDATION_FAILED');
    expect(dead.header.get('x-attempts')).toBe('1');
    expect(handled).toEqual([]);
  });

  it('dead-letters at once a message that is not JSON, and goes on with the next event', async () => {
    const handled: Joined[] = [];
    await startConsumer((event) => void handled.push(event));
    const subject = inNamespace(CLUSTERS_EVENTS.companyJoinedCluster.subject, namespace);

    await js.publish(subject, 'not json {', { msgID: uniqueName('garbage') });
    const event = joinedEvent();
    await publish(event);

    await waitFor(() => handled.length === 1, 'the valid event after the garbage');
    const dead = await waitFor(() => deadLetterOf(event), 'the dead letter of the garbage');
    expect(dead.header.get('x-dead-letter-reason')).toContain('The event is not JSON');
    expect(handled[0].id).toBe(event.id);
  });

  it('dead-letters at once an event its handler refuses with a domain error (4xx): a retry would not change the answer', async () => {
    let calls = 0;
    await startConsumer(() => {
      calls++;
      throw new DomainError(ERRORS.CLUSTER_NOT_FOUND, 'No cluster c-1');
    });
    const event = joinedEvent();

    await publish(event);

    const dead = await waitFor(() => deadLetterOf(event), 'the dead letter');
    expect(dead.header.get('x-dead-letter-reason')).toBe('CLUSTER.NOT_FOUND: No cluster c-1');
    expect(calls).toBe(1);
  });

  it('retries an event its handler refuses for a concurrent change (409): the next attempt may pass', async () => {
    let calls = 0;
    await startConsumer(() => {
      calls++;
      if (calls === 1) throw new DomainError(ERRORS.CONCURRENT_CHANGE, 'The membership changed meanwhile');
    });

    await publish(joinedEvent());

    await waitFor(() => calls === 2, 'the second attempt');
    await sleep(200);
    expect(calls).toBe(2);
  });

  it('reports the outcome of each delivery by subject: ok, retried, dead_lettered, ignored', async () => {
    const outcomes: [string, EventOutcome][] = [];
    const metrics = { ...NO_METRICS, eventHandled: (subject: string, outcome: EventOutcome) => void outcomes.push([subject, outcome]) };
    await startConsumer(
      (event, context) => {
        if (event.data.companyId === 'co-refused') throw new DomainError(ERRORS.CLUSTER_NOT_FOUND, 'No cluster c-1');
        if (context.attempt === 1) throw new Error('the database blinked');
      },
      { metrics },
    );
    const joined = natsSubjectOf(joinedEvent());
    const created = createEvent(CLUSTERS_EVENTS.clusterCreated, { subject: 'clusters/c-2', version: 1 }, {
      version: 1, clusterId: 'c-2', name: 'Grappe Cadrans', theme: 'dials', admission: 'open',
    } as ClusterSnapshot);

    await publish(joinedEvent());
    await waitFor(() => outcomes.length === 2, 'a retry, then success');
    await publish(joinedEvent({ companyId: 'co-refused' }));
    await publish(created); // no handler for it in this service

    await waitFor(() => outcomes.length === 4, 'the refusal and the ignored event');
    expect(outcomes.slice(0, 2)).toEqual([[joined, 'retried'], [joined, 'ok']]);
    // Two aggregates, handled side by side: either may settle first.
    expect(outcomes.slice(2)).toHaveLength(2);
    expect(outcomes.slice(2)).toEqual(expect.arrayContaining([[joined, 'dead_lettered'], [natsSubjectOf(created), 'ignored']]));
  });

  it('handles once an event published twice with the same Nats-Msg-Id', async () => {
    const handled: string[] = [];
    await startConsumer((event) => void handled.push(event.id));
    const event = joinedEvent();
    const sentinel = joinedEvent();

    const first = await publish(event);
    const second = await publish(event);
    await publish(sentinel);

    expect([first.duplicate, second.duplicate]).toEqual([false, true]);
    await waitFor(() => handled.includes(sentinel.id), 'the event published after the duplicate');
    expect(handled).toEqual([event.id, sentinel.id]);
  });

  it('splits the work between two instances of one service, and no event is handled twice', async () => {
    const handledBy = { a: [] as string[], b: [] as string[] };
    const slowly = (instance: 'a' | 'b'): Behaviour => async (event) => {
      await sleep(1);
      handledBy[instance].push(event.id);
    };
    await startConsumer(slowly('a'));
    await startConsumer(slowly('b'));
    const events = Array.from({ length: 200 }, (_, i) => joinedEvent({ companyId: `co-${i}` }));

    await Promise.all(events.map(publish));

    const all = () => [...handledBy.a, ...handledBy.b];
    await waitFor(() => all().length >= events.length, 'all 200 events', 10_000);
    await sleep(200); // a duplicate delivery would arrive now
    expect(all()).toHaveLength(events.length);
    expect(new Set(all())).toEqual(new Set(events.map((e) => e.id)));
    expect(handledBy.a.length).toBeGreaterThan(0);
    expect(handledBy.b.length).toBeGreaterThan(0);
  });

  it('handles an event published while its consumer was down, once the consumer starts again', async () => {
    const handled: string[] = [];
    await stop(await startConsumer((event) => void handled.push(event.id)));
    const event = joinedEvent();

    await declareEventStream(jsm, 'clusters', namespace); // as the producer does at its boot
    await publish(event);
    await sleep(100);
    expect(handled).toEqual([]);
    await startConsumer((e) => void handled.push(e.id));

    await waitFor(() => handled.length === 1, 'the event');
    expect(handled).toEqual([event.id]);
  });

  it('lets a handler running while the server closes finish and acknowledge, so a restart does not deliver it again', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const log: string[] = [];
    const app = await startConsumer(
      async (event) => {
        log.push(`start ${event.id}`);
        await released;
        log.push(`end ${event.id}`);
      },
      { ackWaitMs: 500 },
    );
    const event = joinedEvent();

    await publish(event);
    await waitFor(() => log.length === 1, 'the handler to start');
    let closed = false;
    const closing = stop(app).then(() => (closed = true));
    await sleep(100);
    expect(closed).toBe(false); // closing waits for the handler
    release();
    await closing;

    expect(log).toEqual([`start ${event.id}`, `end ${event.id}`]);
    const info = await consumerInfo();
    expect(info.num_ack_pending).toBe(0);
    expect(info.ack_floor.stream_seq).toBe(1);
    await startConsumer((e) => void log.push(`again ${e.id}`), { ackWaitMs: 500 });
    await sleep(700); // longer than the ack wait: an unacknowledged delivery would be sent again
    expect(log).toHaveLength(2);
  });

  it('connects to a comma-separated list of servers, as NATS_URL names a cluster, though one of them is down', async () => {
    const received: Joined[] = [];
    const down = `nats://127.0.0.1:${await freePort()}`;
    await startConsumer((event) => void received.push(event), { servers: `${NATS_URL},${down}` });

    await publish(joinedEvent());

    await waitFor(() => received.length === 1, 'the event');
  });

  it('handles an event whose data carries a field its class does not know (a tolerant reader), without that field', async () => {
    const received: Joined[] = [];
    await startConsumer((event) => void received.push(event));
    const event = joinedEvent({ ...({ sector: 'watches' } as object) });

    await publish(event);

    await waitFor(() => received.length === 1, 'the event with an added field');
    expect(received[0].data.companyId).toBe('co-1');
    expect(received[0].data).not.toHaveProperty('sector');
  });

  it('starts on a durable consumer that exists with another configuration (a redeploy), and applies the new one', async () => {
    const stream = await declareEventStream(jsm, 'clusters', namespace);
    await jsm.consumers.add(stream, { durable_name: service, ack_policy: AckPolicy.Explicit, ack_wait: nanos(10_000) });
    const received: Joined[] = [];

    await startConsumer((event) => void received.push(event), { ackWaitMs: 2_000 });
    await publish(joinedEvent());

    await waitFor(() => received.length === 1, 'the event');
    expect((await consumerInfo()).config.ack_wait).toBe(nanos(2_000));
  });

  it('handles each of several events once though each handler outlasts the ack wait', async () => {
    const handled: string[] = [];
    await startConsumer(
      async (event) => {
        await sleep(700);
        handled.push(event.id);
      },
      { ackWaitMs: 300 },
    );
    const events = [joinedEvent(), joinedEvent(), joinedEvent()];

    for (const event of events) await publish(event);

    await waitFor(() => handled.length >= 3, 'the three events', 10_000);
    await sleep(1_000); // a redelivery of any of them would show
    expect(handled).toEqual(events.map((e) => e.id));
    expect((await consumerInfo()).num_redelivered).toBe(0);
  });
});

describe('JetStreamServer handling several events at once', () => {
  it('handles events of different aggregates side by side, never more than `concurrency` at once', async () => {
    let active = 0;
    let most = 0;
    const handled: string[] = [];
    await startConsumer(
      async (event) => {
        most = Math.max(most, ++active);
        await sleep(150);
        active--;
        handled.push(event.id);
      },
      { concurrency: 4 },
    );
    const events = Array.from({ length: 12 }, (_, i) => joinedEvent({}, `clusters/c-${i}/members/co-${i}`));

    for (const event of events) await publish(event);

    await waitFor(() => handled.length === 12, 'the twelve events', 10_000);
    expect(most).toBe(4);
    expect(new Set(handled)).toEqual(new Set(events.map((e) => e.id)));
    expect((await consumerInfo()).num_redelivered).toBe(0);
  });

  it('keeps the events of one aggregate in their order while another aggregate goes on', async () => {
    const log: string[] = [];
    const first = joinedEvent({}, 'clusters/c-1/members/co-1');
    const second = joinedEvent({}, 'clusters/c-1/members/co-1');
    const other = joinedEvent({}, 'clusters/c-2/members/co-2');
    const name = new Map([[first.id, 'first'], [second.id, 'second'], [other.id, 'other']]);
    await startConsumer(async (event) => {
      log.push(`start ${name.get(event.id)}`);
      if (event.id === first.id) await sleep(400);
      log.push(`end ${name.get(event.id)}`);
    });

    for (const event of [first, second, other]) await publish(event);

    await waitFor(() => log.length === 6, 'the three events');
    expect(log.indexOf('end other')).toBeLessThan(log.indexOf('end first')); // not held up by another aggregate
    expect(log.indexOf('start second')).toBe(log.indexOf('end first') + 1); // but after the one before it
  });

  it('finishes on close every event in hand, those waiting behind their aggregate included, and acknowledges them', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const handled: string[] = [];
    const first = joinedEvent();
    const second = joinedEvent();
    const app = await startConsumer(async (event) => {
      if (event.id === first.id) await released;
      handled.push(event.id);
    });

    await publish(first);
    await publish(second);
    await waitFor(async () => (await consumerInfo()).num_ack_pending === 2, 'both events in hand');
    const closing = stop(app);
    await sleep(100);
    expect(handled).toEqual([]);
    release();
    await closing;

    expect(handled).toEqual([first.id, second.id]);
    const info = await consumerInfo();
    expect(info.num_ack_pending).toBe(0);
    expect(info.ack_floor.stream_seq).toBe(2);
  });
});

describe('JetStreamServer through a NATS outage', () => {
  let server: NatsServerProcess;

  beforeAll(async () => {
    server = await NatsServerProcess.start();
  });

  afterAll(async () => {
    await server?.remove();
  });

  it('reconnects after an outage longer than its reconnect attempts last, and consumes what was published meanwhile', async () => {
    const received: Joined[] = [];
    await startConsumer((event) => void received.push(event), { servers: server.url });

    // The client's default gives up after ten attempts two seconds apart.
    await server.stop();
    await sleep(25_000);
    await server.start();
    const producer = await connect({ servers: server.url });
    try {
      const event = joinedEvent();
      await producer.jetstream().publish(inNamespace(natsSubjectOf(event), namespace), JSON.stringify(event), { msgID: event.id });
      await waitFor(() => received.length === 1, 'the event published after the outage', 15_000);
    } finally {
      await producer.close();
    }
  }, 60_000);

  it('takes an event whose effect is stored but whose ack is not confirmed as handled: no retry, no dead letter, no error', async () => {
    const outcomes: EventOutcome[] = [];
    const metrics = { ...NO_METRICS, eventHandled: (_: string, outcome: EventOutcome) => void outcomes.push(outcome) };
    const warnings = jest.spyOn(Logger.prototype, 'warn');
    const errors = jest.spyOn(Logger.prototype, 'error');
    const effects: string[] = [];
    const producer = await connect({ servers: server.url, maxReconnectAttempts: -1 });
    try {
      await startConsumer(
        async (event) => {
          if (effects.includes(event.id)) return; // an idempotent effect: a redelivery changes nothing
          effects.push(event.id);
          // NATS goes away right after the effect is stored: the ack cannot be confirmed.
          if (effects.length === 1) await server.stop();
        },
        { servers: server.url, metrics },
      );
      const [first, second] = [joinedEvent(), joinedEvent({ companyId: 'co-2' })];
      const subjectOf = (event: Joined) => inNamespace(natsSubjectOf(event), namespace);
      await producer.jetstream().publish(subjectOf(first), JSON.stringify(first), { msgID: first.id });
      // The consumer speaks of the event once its ack has failed, whatever it makes of the failure.
      const spokenOf = (calls: unknown[][]) => calls.filter(([message]) => String(message).startsWith(`Event ${subjectOf(first)}`));
      await waitFor(() => spokenOf([...warnings.mock.calls, ...errors.mock.calls]).length > 0, 'the ack confirmation to fail', 20_000);
      expect(spokenOf(warnings.mock.calls).map(([message]) => message)).toEqual([expect.stringMatching(/handled, but its ack was not confirmed/)]);
      await server.start();
      // Tried until the producer has reconnected; the same Nats-Msg-Id keeps a retried publish single.
      const publishSecond = () => producer.jetstream().publish(subjectOf(second), JSON.stringify(second), { msgID: second.id });
      await waitFor(publishSecond, 'NATS back for the producer', 20_000);
      await waitFor(() => effects.includes(second.id), 'the next event, handled after NATS is back', 20_000);

      expect(effects).toEqual([first.id, second.id]);
      // Handled each time it came (a redelivery of the first is absorbed by idempotency), never retried as a failure.
      expect(outcomes.filter((outcome) => outcome !== 'ok')).toEqual([]);
      expect(errors).not.toHaveBeenCalled();
      const deadLetters = await (await producer.jetstreamManager()).streams.info(streamNameIn('DEAD_LETTERS', namespace));
      expect(deadLetters.state.messages).toBe(0);
    } finally {
      warnings.mockRestore();
      errors.mockRestore();
      await producer.close();
    }
  }, 60_000);
});
