import { DomainError, ERRORS, EventEnvelope } from '@grappes/contracts';
import { Aggregate } from '@grappes/messaging';
import { Model, UpdateQuery } from 'mongoose';

const ATTEMPTS = 5;

/** A change decided by a rule: what to set, push and pull, and the events it raises. */
export interface Change {
  set?: Record<string, unknown>;
  push?: Record<string, unknown>;
  pull?: Record<string, unknown>;
  events: EventEnvelope[];
}

/** The update that applies a change with its events and the next version, in one write. */
export function updateOf(change: Change): UpdateQuery<Aggregate> {
  return {
    ...(change.set ? { $set: change.set } : {}),
    ...(change.pull ? { $pull: change.pull } : {}),
    $inc: { version: 1 },
    $push: { ...(change.push ?? {}), pendingEvents: { $each: change.events } },
  };
}

/**
 * Reads an aggregate, lets a pure rule decide the change from what it read,
 * and writes it only if nobody changed the aggregate meanwhile (its version in
 * the filter); a lost race is decided again on the fresh state, so two
 * companies acting at once both succeed while a rule never sees stale data.
 */
export async function changeVersioned<T extends Aggregate>(
  model: Model<T>,
  key: { _id: string } & Record<string, unknown>,
  notFound: () => DomainError,
  /** Throws to refuse; `undefined` when there is nothing to change. */
  decide: (current: T) => Change | undefined,
): Promise<T> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await model.findOne(key as object).lean<T>();
    if (!current) throw notFound();
    const change = decide(current);
    if (!change) return current;
    const changed = await model
      .findOneAndUpdate({ ...key, version: current.version } as object, updateOf(change) as UpdateQuery<T>, { returnDocument: 'after' })
      .lean<T>();
    if (changed) return changed;
  }
  throw new DomainError(ERRORS.CONCURRENT_CHANGE, 'It changed meanwhile; try again');
}
