/**
 * Runs tasks in parallel across keys and one after another within a key, in
 * the order they were given: the events of one aggregate (an envelope's
 * `subject`) are handled in the order they arrived, those of different
 * aggregates side by side. A task's failure does not hold up the next one.
 */
export class AggregateLanes {
  /** The last task of each key still running or waiting. */
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    const result = previous ? previous.then(task, task) : task();
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** How many keys have a task running or waiting. */
  get busy(): number {
    return this.tails.size;
  }
}
