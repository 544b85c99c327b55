import { EventEnvelope } from '@grappes/contracts';
import { EventEmitter } from 'node:events';
import { Schema } from 'mongoose';

/**
 * An aggregate keeps the events of its last changes beside its state, written
 * in the same single-document write: the state and its events cannot part.
 */
export interface Aggregate {
  version: number;
  pendingEvents: EventEnvelope[];
}

/** Where a document with unsent events is found. */
export const HAS_PENDING_EVENTS = { 'pendingEvents.id': { $exists: true } } as const;

/** Told after each write that may have added events, so the relay publishes without waiting for its sweep. */
export const outboxWrites = new EventEmitter();

/** Adds `version` and `pendingEvents` to a schema and wakes the relay after its writes. */
export function outboxPlugin(schema: Schema): void {
  schema.add({ version: { type: Number, required: true, default: 0 }, pendingEvents: { type: [Object], default: [] } });
  schema.index({ 'pendingEvents.id': 1 }, { sparse: true });
  const wake = () => outboxWrites.emit('write');
  schema.post('save', wake);
  schema.post(['updateOne', 'updateMany', 'findOneAndUpdate'], wake);
  schema.post('insertMany', wake);
}

/**
 * The update that applies a change (fields to set, fields to remove) and
 * records its events, in one write. The caller puts the version it read in the
 * filter, so that a concurrent change makes the write match nothing instead of
 * overwriting it.
 */
export function withEvents(set: Record<string, unknown>, events: EventEnvelope[], unset: string[] = []) {
  return {
    ...(Object.keys(set).length ? { $set: set } : {}),
    ...(unset.length ? { $unset: Object.fromEntries(unset.map((field) => [field, 1])) } : {}),
    $inc: { version: 1 },
    $push: { pendingEvents: { $each: events } },
  };
}
