/**
 * Runs the tasks of one key one after another, in the order given, and those
 * of different keys side by side, within this process. A task's failure does
 * not hold up the next one. Used for:
 * - the events of one aggregate (an envelope's `subject`) that JetStreamServer
 *   has in hand at once: handled in the order they arrived;
 * - the registrations for one workshop that reach a workshops instance: sent
 *   at once, a hundred transactions on the same workshop document keep
 *   aborting each other, and some would wait past the request timeout.
 *   Correctness does not rest on it there: the transaction still decides,
 *   across every instance.
 */
export class OneAtATime {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with tasks queued or running: none once all have settled. */
  get busyKeys(): number {
    return this.tails.size;
  }
}
