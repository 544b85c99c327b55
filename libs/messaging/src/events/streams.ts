import { Producer, streamOf } from '@grappes/contracts';
import { JetStreamManager, RetentionPolicy, StorageType, StreamConfig, nanos } from 'nats';

/** Longer than the relay's retries, so a republished event is recognised and dropped. */
const DUPLICATE_WINDOW_MS = 10 * 60_000;
const DAY_MS = 24 * 3600_000;

/**
 * What the streams keep (README, Operations). Events 7 days: room for a
 * consumer down over a long weekend, and less than the 35 days a consumer
 * remembers processed ids (idempotency.ts), so a recreated consumer that reads
 * the whole stream applies nothing twice. Dead letters 28 days: time for an
 * operator to fix and replay, still within those 35 days. Sizes cap a runaway.
 */
export const RETENTION = {
  events: { maxAgeMs: 7 * DAY_MS, maxBytes: 1024 ** 3 },
  deadLetters: { maxAgeMs: 28 * DAY_MS, maxBytes: 256 * 1024 ** 2 },
} as const;

export const DEAD_LETTER_STREAM = { name: 'DEAD_LETTERS', subjects: ['deadletters.>'] };

/**
 * An optional namespace isolates a whole set of streams and subjects on a shared
 * server (each test run takes its own): namespace `t1` turns stream
 * `EVENTS_CLUSTERS` on `events.clusters.>` into `t1_EVENTS_CLUSTERS` on
 * `t1.events.clusters.>`. Services run without one.
 */
export function inNamespace(subject: string, namespace?: string): string {
  return namespace ? `${namespace}.${subject}` : subject;
}

/** The subject a namespaced message was published on, as handlers know it. */
export function outOfNamespace(subject: string, namespace?: string): string {
  return namespace && subject.startsWith(`${namespace}.`) ? subject.slice(namespace.length + 1) : subject;
}

export function streamNameIn(name: string, namespace?: string): string {
  return namespace ? `${namespace}_${name}` : name;
}

/** Creates or updates a stream; safe to call from every instance at every boot. */
async function declare(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }): Promise<void> {
  try {
    await jsm.streams.info(config.name);
    await jsm.streams.update(config.name, config);
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
    await jsm.streams.add(config);
  }
}

function isStreamNotFound(error: unknown): boolean {
  return error instanceof Error && /stream not found/i.test(error.message);
}

export async function declareEventStream(jsm: JetStreamManager, producer: Producer, namespace?: string): Promise<string> {
  const { name, subjects } = streamOf(producer);
  const stream = streamNameIn(name, namespace);
  await declare(jsm, {
    name: stream,
    subjects: subjects.map((subject) => inNamespace(subject, namespace)),
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    max_age: nanos(RETENTION.events.maxAgeMs),
    max_bytes: RETENTION.events.maxBytes,
  });
  return stream;
}

export async function declareDeadLetterStream(jsm: JetStreamManager, namespace?: string): Promise<string> {
  const name = streamNameIn(DEAD_LETTER_STREAM.name, namespace);
  const subjects = DEAD_LETTER_STREAM.subjects.map((subject) => inNamespace(subject, namespace));
  await declare(jsm, {
    name, subjects, storage: StorageType.File, retention: RetentionPolicy.Limits,
    max_age: nanos(RETENTION.deadLetters.maxAgeMs), max_bytes: RETENTION.deadLetters.maxBytes,
  });
  return name;
}
