import { EventEnvelope } from '@grappes/contracts';
import { Connection, Model } from 'mongoose';

const PROCESSED = 'processed_events';
const DUPLICATE_KEY = 11000;

/**
 * How long a processed event id is remembered: 35 days. Longer than any event
 * can come back: the event streams keep 7 days and the dead letters 28
 * (streams.ts), so a replay or a recreated consumer finds the record still there.
 */
export const PROCESSED_EVENTS_TTL_SECONDS = 35 * 24 * 3600;

/** The connections whose record already has its expiry index (created once per process). */
const expiring = new WeakMap<Connection, Promise<unknown>>();

function ensureExpiry(connection: Connection): Promise<unknown> {
  let created = expiring.get(connection);
  if (!created) {
    created = connection.collection(PROCESSED).createIndex({ at: 1 }, { expireAfterSeconds: PROCESSED_EVENTS_TTL_SECONDS });
    // A failure is tried again on the next event rather than remembered.
    created.catch(() => expiring.delete(connection));
    expiring.set(connection, created);
  }
  return created;
}

/**
 * Applies an event's effect at most once per consumer, by a record of the event
 * ids it has processed. The record is written after the effect, so an effect
 * interrupted halfway is done again: effects keep natural unique keys as well.
 */
export async function applyOnce(
  connection: Connection,
  consumer: string,
  event: EventEnvelope,
  effect: () => Promise<void>,
): Promise<boolean> {
  const processed = connection.collection<{ _id: string; at: Date }>(PROCESSED);
  const _id = `${consumer}:${event.id}`;
  await ensureExpiry(connection);
  if (await processed.findOne({ _id })) return false;
  await effect();
  try {
    await processed.insertOne({ _id, at: new Date() });
  } catch (error) {
    if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
  }
  return true;
}

export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number })?.code === DUPLICATE_KEY;
}

/** A write refused for duplicate keys only: one, or every failure of an unordered bulk insert. */
export function onlyDuplicateKeys(error: unknown): boolean {
  const failures = (error as { writeErrors?: { code?: number }[] | { code?: number } })?.writeErrors;
  if (!failures) return isDuplicateKey(error);
  const list = Array.isArray(failures) ? failures : [failures];
  return list.length > 0 && list.every(isDuplicateKey);
}

/**
 * Stores a projected document's new state only if the event is newer than what
 * is stored: a repeated or late event changes nothing.
 */
export async function applyIfNewer<T>(model: Model<T>, id: string, version: number, set: Record<string, unknown>): Promise<void> {
  const newer = { _id: id, version: { $lt: version } } as object;
  const update = { $set: { ...set, version } };
  try {
    await model.updateOne(newer, update, { upsert: true });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // The id exists: stored by this event's own race with another upsert of a new id, or newer already.
    // Once more as a plain update, which changes it only if this event is the newer.
    await model.updateOne(newer, update);
  }
}
