import { EventEnvelope } from '@grappes/contracts';
import { Connection, Model } from 'mongoose';

const PROCESSED = 'processed_events';
const DUPLICATE_KEY = 11000;

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

/**
 * Stores a projected document's new state only if the event is newer than what
 * is stored: a repeated or late event changes nothing.
 */
export async function applyIfNewer<T>(model: Model<T>, id: string, version: number, set: Record<string, unknown>): Promise<void> {
  try {
    await model.updateOne({ _id: id, version: { $lt: version } } as object, { $set: { ...set, version } }, { upsert: true });
  } catch (error) {
    // The upsert collided with a stored newer version: this event is stale.
    if (!isDuplicateKey(error)) throw error;
  }
}
