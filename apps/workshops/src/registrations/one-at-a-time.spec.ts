// The queue seats.ts sends one workshop's registrations through (it lives in libs/messaging, where the event consumer uses it too).
import { OneAtATime } from '@grappes/messaging';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('one task at a time per key', () => {
  it('runs the tasks of one key in order, never two at once, and those of other keys alongside', async () => {
    const queue = new OneAtATime();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const task = (name: string) => async () => {
      most = Math.max(most, ++running);
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      running--;
      return name;
    };

    const results = await Promise.all([queue.run('w1', task('a')), queue.run('w1', task('b')), queue.run('w1', task('c'))]);

    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(most).toBe(1);
    await Promise.all([queue.run('w1', task('d')), queue.run('w2', task('e'))]);
    expect(most).toBe(2);
  });

  it('goes on with the next task when one fails, and gives each caller its own outcome', async () => {
    const queue = new OneAtATime();

    const failed = queue.run('w1', async () => {
      throw new Error('refused');
    });
    const next = queue.run('w1', async () => 'done');

    await expect(failed).rejects.toThrow('refused');
    await expect(next).resolves.toBe('done');
  });

  it('forgets a key once its tasks have settled', async () => {
    const queue = new OneAtATime();
    await Promise.all([queue.run('w1', async () => 1), queue.run('w2', async () => 2)]);
    await tick();
    expect(queue.busyKeys).toBe(0);
  });
});
