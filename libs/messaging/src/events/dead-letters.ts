import { EventEnvelope } from '@grappes/contracts';
import { JetStreamManager, MsgRequest, NatsConnection, StoredMsg, headers as natsHeaders } from 'nats';
import { HEADERS } from '../context/headers';
import { DEAD_LETTER_STREAM, inNamespace, outOfNamespace, streamNameIn } from './streams';

// The operator's side of the dead letters that JetStreamServer writes: an event that
// failed its last attempt is copied to `deadletters.<service>.<original subject>` in
// the DEAD_LETTERS stream, with the headers below, and its delivery is terminated.
//
// The operator command (`npm run dead-letters`, src/operator/) is built on this module.

export const DEAD_LETTER_HEADERS = {
  reason: 'x-dead-letter-reason',
  originalSubject: 'x-original-subject',
  originalStream: 'x-original-stream',
  attempts: 'x-attempts',
} as const;

/** How many dead letters one call reads at most; an operator runs the command again for more. */
export const DEAD_LETTERS_LIMIT = 1_000;

export interface DeadLetter {
  /** Its sequence in the DEAD_LETTERS stream: what `replay --seq` takes. */
  seq: number;
  /** The consuming service whose handler gave up. */
  service: string;
  /** The subject the event was published on, as handlers know it (`events.clusters.company-joined-cluster`). */
  subject: string;
  /** The stream the event came from. */
  stream: string;
  reason: string;
  attempts: number;
  /** The envelope's `id`, `type` and `time`; missing when the payload is not an event at all. */
  eventId?: string;
  type?: string;
  time?: string;
  /** When the event was moved to the dead letters. */
  deadLetteredAt: string;
}

export interface DeadLetterQuery {
  /** Only the dead letters of this consuming service. */
  service?: string;
  /** Isolates streams and subjects on a shared server (tests); see `inNamespace`. */
  namespace?: string;
  /** At most this many, oldest first (default DEAD_LETTERS_LIMIT). */
  limit?: number;
}

export interface ReplayQuery extends DeadLetterQuery {
  /** Only the dead letter of this sequence in the DEAD_LETTERS stream. */
  seq?: number;
}

export interface ReplayedDeadLetter extends DeadLetter {
  /** The `Nats-Msg-Id` it was republished with: `<event id>:replay:<dead-letter seq>`. */
  msgId: string;
  /** The subject it was republished on (namespaced when a namespace is given). */
  publishedOn: string;
  /** True when the event stream had already received this replay within its duplicate window. */
  duplicate: boolean;
}

/** The dead letters, oldest first; none when the DEAD_LETTERS stream does not exist yet. */
export async function listDeadLetters(nc: NatsConnection, query: DeadLetterQuery = {}): Promise<DeadLetter[]> {
  const jsm = await nc.jetstreamManager();
  return (await readDeadLetters(jsm, query)).map(({ deadLetter }) => deadLetter);
}

/**
 * Republishes each selected dead letter's original payload on its original
 * subject, then deletes it from DEAD_LETTERS. Every consumer of that stream
 * receives the event again (consumers are idempotent), not only the service
 * that dead-lettered it. The `Nats-Msg-Id` is new, so the original id's
 * de-duplication does not drop it, and the same for every replay of one dead
 * letter: a replay interrupted between publishing and deleting can be run
 * again and publishes nothing twice.
 */
export async function replayDeadLetters(nc: NatsConnection, query: ReplayQuery = {}): Promise<ReplayedDeadLetter[]> {
  const jsm = await nc.jetstreamManager();
  const js = nc.jetstream();
  const stream = streamNameIn(DEAD_LETTER_STREAM.name, query.namespace);
  const replayed: ReplayedDeadLetter[] = [];
  for (const { deadLetter, message } of await readDeadLetters(jsm, query)) {
    const msgId = replayIdOf(deadLetter, stream);
    const publishedOn = message.header.get(DEAD_LETTER_HEADERS.originalSubject) || inNamespace(deadLetter.subject, query.namespace);
    const h = natsHeaders();
    const correlationId = correlationIdOf(message);
    if (correlationId) h.set(HEADERS.correlationId, correlationId);
    h.set('x-replay-of', `${stream}:${deadLetter.seq}`);
    const ack = await js.publish(publishedOn, message.data, {
      msgID: msgId,
      headers: h,
      ...(deadLetter.stream ? { expect: { streamName: deadLetter.stream } } : {}),
    });
    await deleteDeadLetter(jsm, stream, deadLetter.seq, msgId);
    replayed.push({ ...deadLetter, msgId, publishedOn, duplicate: ack.duplicate });
  }
  return replayed;
}

export function replayIdOf(deadLetter: Pick<DeadLetter, 'seq' | 'eventId'>, deadLetterStream: string): string {
  return deadLetter.eventId ? `${deadLetter.eventId}:replay:${deadLetter.seq}` : `${deadLetterStream}:${deadLetter.seq}:replay`;
}

async function readDeadLetters(jsm: JetStreamManager, query: ReplayQuery): Promise<{ deadLetter: DeadLetter; message: StoredMsg }[]> {
  const stream = streamNameIn(DEAD_LETTER_STREAM.name, query.namespace);
  const filter = inNamespace(query.service ? `deadletters.${token(query.service)}.>` : 'deadletters.>', query.namespace);
  const limit = query.limit ?? DEAD_LETTERS_LIMIT;
  const found: { deadLetter: DeadLetter; message: StoredMsg }[] = [];
  if (query.seq !== undefined) {
    const message = await load(jsm, stream, { seq: query.seq });
    const deadLetter = message && toDeadLetter(message, query.namespace);
    if (deadLetter && (!query.service || deadLetter.service === query.service)) found.push({ deadLetter, message });
    return found;
  }
  // Each request returns the first message at or after `seq` on the filter: one request per
  // dead letter, whatever the gaps that deleted ones left.
  for (let seq = 1; found.length < limit; ) {
    const message = await load(jsm, stream, { seq, next_by_subj: filter });
    if (!message) break;
    const deadLetter = toDeadLetter(message, query.namespace);
    if (deadLetter) found.push({ deadLetter, message });
    seq = message.seq + 1;
  }
  return found;
}

/** The message, or undefined when there is none (or no DEAD_LETTERS stream at all). */
async function load(jsm: JetStreamManager, stream: string, request: { seq: number; next_by_subj?: string }): Promise<StoredMsg | undefined> {
  try {
    // `next_by_subj` is understood by the server (2.9+) though the client's type lacks it.
    return await jsm.streams.getMessage(stream, request as MsgRequest);
  } catch (error) {
    if (/no message found|stream not found/i.test((error as Error).message)) return undefined;
    throw error;
  }
}

function toDeadLetter(message: StoredMsg, namespace?: string): DeadLetter | undefined {
  const [prefix, service, ...rest] = outOfNamespace(message.subject, namespace).split('.');
  if (prefix !== 'deadletters' || !service || rest.length === 0) return undefined;
  const envelope = envelopeOf(message);
  return {
    seq: message.seq,
    service,
    subject: rest.join('.'),
    stream: message.header?.get(DEAD_LETTER_HEADERS.originalStream) ?? '',
    reason: message.header?.get(DEAD_LETTER_HEADERS.reason) ?? '',
    attempts: Number(message.header?.get(DEAD_LETTER_HEADERS.attempts) || 0),
    ...(envelope?.id ? { eventId: envelope.id } : {}),
    ...(envelope?.type ? { type: envelope.type } : {}),
    ...(envelope?.time ? { time: envelope.time } : {}),
    deadLetteredAt: message.time.toISOString(),
  };
}

function envelopeOf(message: StoredMsg): Partial<EventEnvelope> | undefined {
  try {
    const value = message.json<Partial<EventEnvelope>>();
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

function correlationIdOf(message: StoredMsg): string | undefined {
  const correlationId = envelopeOf(message)?.correlationid;
  return typeof correlationId === 'string' && correlationId ? correlationId : undefined;
}

async function deleteDeadLetter(jsm: JetStreamManager, stream: string, seq: number, msgId: string): Promise<void> {
  try {
    await jsm.streams.deleteMessage(stream, seq);
  } catch (error) {
    // Another replay of the same dead letter got there first: the outcome is the same.
    if (/no message found/i.test((error as Error).message)) return;
    throw new Error(
      `Dead letter ${seq} was republished (Nats-Msg-Id ${msgId}) but could not be deleted: ${(error as Error).message}. ` +
        'Replaying it again within the duplicate window publishes nothing twice.',
    );
  }
}

/** A service name is one subject token: no dot, space or wildcard. */
function token(service: string): string {
  if (!/^[^.\s*>]+$/.test(service)) throw new Error(`Not a service name: "${service}"`);
  return service;
}
