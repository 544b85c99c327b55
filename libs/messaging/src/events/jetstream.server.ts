import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import {
  DomainError, ERRORS, EventEnvelope, PRODUCERS, Producer, eventDefinitionOf, isErrorBody,
} from '@grappes/contracts';
import { Consumer, JsMsg, NatsConnection, connect, headers as natsHeaders } from 'nats';
import { OneAtATime } from '../one-at-a-time';
import { lastValueFrom } from 'rxjs';
import { runInContext } from '../context/request-context';
import { TOLERANT_READER_OPTIONS, validated } from '../context/validation';
import { natsConnectionOptions } from '../nats-connection';
import { EventOutcome, MessagingMetrics, NO_METRICS } from '../metrics/messaging-metrics';
import { declareDurableConsumer } from './durable-consumer';
import { JetStreamContext } from './jetstream-context';
import { JETSTREAM_TRANSPORT } from './on-event.decorator';
import { declareDeadLetterStream, declareEventStream, inNamespace, outOfNamespace } from './streams';

export interface JetStreamServerOptions {
  /** One URL, several, or a comma-separated list (a cluster). */
  servers: string | string[];
  /** The consuming service: names its durable consumer on each stream, shared by all its instances. */
  service: string;
  /** Deliveries before an event goes to the dead letters. */
  maxAttempts?: number;
  /** Wait before the n-th retry; the last value repeats. */
  retryDelaysMs?: number[];
  /** How long a delivery may stay unacknowledged before the server sends it again (a crashed instance). */
  ackWaitMs?: number;
  /** Isolates streams and subjects on a shared server (tests); see `inNamespace`. */
  namespace?: string;
  /** Told the outcome of each delivery. */
  metrics?: MessagingMetrics;
  /** Events of one stream in hand at once (of different aggregates; one aggregate's run in order). */
  concurrency?: number;
}

const DEFAULTS = {
  maxAttempts: 5, retryDelaysMs: [1_000, 5_000, 15_000, 60_000], ackWaitMs: 30_000, namespace: '', metrics: NO_METRICS,
  // Below a service's database pool (MONGODB_POOL_SIZE, 20), so that handlers wait on their own work, not for a connection.
  concurrency: 16,
};
/** What a message that is not JSON decodes to. */
const NOT_JSON = Symbol('not JSON');
/** How long one pull waits for an event before asking again. */
const PULL_EXPIRES_MS = 5_000;
/** The pause after a failed pull (NATS away): the connection reconnects meanwhile. */
const PULL_RETRY_MS = 500;

/**
 * Consumes JetStream events with one durable pull consumer per stream,
 * acknowledging only after the handler stored its effect. Up to `concurrency`
 * events of a stream are handled at once, those of one aggregate in the order
 * they came (one-at-a-time.ts). Failures are retried
 * after growing delays; after the last attempt the event is copied to the
 * dead-letter stream with its error and terminated.
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  override transportId = JETSTREAM_TRANSPORT;
  private connection?: NatsConnection;
  private stopped = false;
  /** The events being handled now or waiting behind an earlier event of their aggregate, of every stream. */
  private readonly inHand = new Set<Promise<void>>();
  private readonly options: Required<JetStreamServerOptions>;

  constructor(options: JetStreamServerOptions) {
    super();
    this.options = { ...DEFAULTS, ...options };
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(() => callback(), callback);
  }

  async close(): Promise<void> {
    // The events in hand are finished and acknowledged; the idle pulls are abandoned.
    this.stopped = true;
    await Promise.allSettled([...this.inHand]);
    if (this.connection && !this.connection.isClosed()) await this.connection.drain().catch(() => undefined);
  }

  /** False once the connection is closed for good: only a restart cures that. */
  isAlive(): boolean {
    return !!this.connection && !this.connection.isClosed();
  }

  on(): void {
    throw new Error('JetStreamServer has no events to listen to');
  }

  unwrap<T>(): T {
    return this.connection as T;
  }

  private async start(): Promise<void> {
    const { servers, service, namespace } = this.options;
    this.connection = await connect(natsConnectionOptions(servers, `${service}-events`));
    const jsm = await this.connection.jetstreamManager();
    await declareDeadLetterStream(jsm, namespace);
    for (const producer of this.producersHandled()) {
      const stream = await declareEventStream(jsm, producer, namespace);
      await declareDurableConsumer(jsm, stream, service, { ackWaitMs: this.options.ackWaitMs });
      const consumer = await this.connection.jetstream().consumers.get(stream, service);
      void this.consumeLoop(consumer, stream);
    }
  }

  private producersHandled(): Producer[] {
    const subjects = [...this.getHandlers().keys()];
    return PRODUCERS.filter((p) => subjects.some((s) => s.startsWith(`events.${p}.`)));
  }

  /**
   * Pulls as many events as there are free places (`concurrency`), and hands
   * each to its aggregate's lane as it arrives: nothing waits in a buffer
   * while its ack wait runs out (which would deliver it twice), since an event
   * is told `working()` from the moment it is in hand.
   */
  private async consumeLoop(consumer: Consumer, stream: string): Promise<void> {
    const lanes = new OneAtATime();
    const inHand = new Set<Promise<void>>();
    while (!this.stopped) {
      if (inHand.size >= this.options.concurrency) {
        await Promise.race(inHand);
        continue;
      }
      const pulledAt = Date.now();
      let pulled = 0;
      try {
        const batch = await consumer.fetch({ max_messages: this.options.concurrency - inHand.size, expires: PULL_EXPIRES_MS });
        for await (const message of batch) {
          pulled++;
          if (this.stopped) {
            message.nak(); // pulled while closing: another instance takes it at once
            continue;
          }
          const handling = this.take(message, lanes);
          for (const set of [inHand, this.inHand]) {
            set.add(handling);
            void handling.then(() => set.delete(handling));
          }
        }
        // A pull the server ended at once with nothing (NATS reconnecting): no busy loop meanwhile.
        if (pulled === 0 && Date.now() - pulledAt < PULL_RETRY_MS) await new Promise((resolve) => setTimeout(resolve, PULL_RETRY_MS));
      } catch (error) {
        if (this.stopped) return;
        this.logger.warn(`Pulling from ${stream} failed: ${describe(error)}; retrying`);
        await new Promise((resolve) => setTimeout(resolve, PULL_RETRY_MS));
      }
    }
  }

  /** Settles a message after the earlier events of its aggregate; it is kept alive at the server meanwhile. */
  private async take(message: JsMsg, lanes: OneAtATime): Promise<void> {
    // A slow handler, or a wait behind one, tells the server it is still at work, so the event is not sent elsewhere meanwhile.
    const heartbeat = setInterval(() => message.working(), Math.max(this.options.ackWaitMs / 3, 10));
    const raw = parsed(message);
    const aggregate = typeof (raw as EventEnvelope | null)?.subject === 'string' ? (raw as EventEnvelope).subject : `#${message.seq}`;
    try {
      await lanes.run(aggregate, () => this.handle(message, raw));
    } catch (error) {
      // Not even dead-lettering worked (NATS gone?): the message stays unacknowledged and
      // comes back after the ack wait; the loop must live on for the next ones.
      this.logger.error(`Event ${message.subject} could not be settled: ${describe(error)}`);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async handle(message: JsMsg, raw: unknown): Promise<void> {
    const handler = this.getHandlerByPattern(outOfNamespace(message.subject, this.options.namespace));
    if (!handler) {
      message.ack(); // an event of this stream that this service ignores
      return this.count(message, 'ignored');
    }
    const context = new JetStreamContext([message]);
    if (context.attempt > this.options.maxAttempts) {
      // Earlier deliveries never answered: the handler crashed or hung every time.
      return this.deadLetter(message, 'the handler did not complete in any attempt');
    }
    try {
      const envelope = this.decode(raw);
      await runInContext({ correlationId: envelope.correlationid, causationId: envelope.id }, async () => {
        await lastValueFrom(this.transformToObservable(await handler(envelope, context)), { defaultValue: undefined });
      });
    } catch (error) {
      return this.onFailure(message, context.attempt, error);
    }
    this.count(message, 'ok');
    // The effect is stored: a lost acknowledgement only means a redelivery, which idempotency absorbs.
    await message.ackAck().catch((error: unknown) => this.logger.warn(`Event ${message.subject} handled, but its ack was not confirmed: ${describe(error)}`));
  }

  private decode(raw: unknown): EventEnvelope {
    if (raw === NOT_JSON) throw new DomainError(ERRORS.VALIDATION_FAILED, 'The event is not JSON');
    const envelope = raw as EventEnvelope;
    const def = eventDefinitionOf(envelope);
    if (!def) throw new DomainError(ERRORS.EVENT_UNKNOWN_TYPE, `Unknown event type ${envelope.type}`);
    return { ...envelope, data: validated(def.dataClass as new () => object, envelope.data, TOLERANT_READER_OPTIONS) };
  }

  private async onFailure(message: JsMsg, attempt: number, error: unknown): Promise<void> {
    const reason = describe(error);
    if (isPermanent(error) || attempt >= this.options.maxAttempts) return this.deadLetter(message, reason);
    const delays = this.options.retryDelaysMs;
    this.logger.warn(`Event ${message.subject} failed (attempt ${attempt}): ${reason}; retrying`);
    message.nak(delays[Math.min(attempt - 1, delays.length - 1)]);
    this.count(message, 'retried');
  }

  private async deadLetter(message: JsMsg, reason: string): Promise<void> {
    const h = natsHeaders();
    h.set('x-dead-letter-reason', reason.slice(0, 1000));
    h.set('x-original-subject', message.subject);
    h.set('x-original-stream', message.info.stream);
    h.set('x-attempts', String(message.info.redeliveryCount));
    const js = this.connection!.jetstream();
    const subject = `deadletters.${this.options.service}.${outOfNamespace(message.subject, this.options.namespace)}`;
    await js.publish(inNamespace(subject, this.options.namespace), message.data, {
      headers: h,
      msgID: `${this.options.service}:${message.info.stream}:${message.seq}`,
    });
    message.term();
    this.count(message, 'dead_lettered');
    this.logger.error(`Event ${message.subject} moved to the dead letters: ${reason}`);
  }

  private count(message: JsMsg, outcome: EventOutcome): void {
    this.options.metrics.eventHandled(outOfNamespace(message.subject, this.options.namespace), outcome);
  }
}

function parsed(message: JsMsg): unknown {
  try {
    return message.json<unknown>();
  } catch {
    return NOT_JSON;
  }
}

/** A refusal of the domain (4xx) will not change on retry, except a conflict with a concurrent change. */
function isPermanent(error: unknown): boolean {
  return isErrorBody(error) && error.status < 500 && error.code !== ERRORS.CONCURRENT_CHANGE.code;
}

function describe(error: unknown): string {
  if (isErrorBody(error)) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.message;
  const message = (error as { message?: unknown })?.message;
  return typeof message === 'string' ? message : String(error);
}
