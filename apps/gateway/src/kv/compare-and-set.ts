import { KV } from 'nats';

/** JetStream's "wrong last sequence": another writer changed the key since it was read. */
const CONFLICT = 10071;
const MAX_CONFLICTS = 20;

/**
 * Changes one key of a NATS key-value bucket by compare-and-set on its
 * revision, so that gateway instances writing at once never lose a change:
 * `decide` gets the current value (or `absent`) and returns what to store,
 * with whatever else the caller wants back.
 */
export async function compareAndSet<T, R extends { value: T }>(kv: KV, key: string, absent: T, decide: (current: T) => R): Promise<R> {
  for (let conflicts = 0; ; conflicts++) {
    const entry = await kv.get(key);
    const current = entry?.operation === 'PUT' ? (entry.json<T>() ?? absent) : absent;
    const decision = decide(current);
    const value = JSON.stringify(decision.value);
    try {
      await (entry ? kv.update(key, value, entry.revision) : kv.create(key, value));
      return decision;
    } catch (error) {
      const code = (error as { api_error?: { err_code?: number } }).api_error?.err_code;
      if (code !== CONFLICT || conflicts >= MAX_CONFLICTS) throw error;
    }
  }
}
