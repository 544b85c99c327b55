// Pure logic: no server needed.
import { AggregateLanes } from './aggregate-lanes';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('AggregateLanes', () => {
  it('runs the tasks of one key one after another, in the order given', async () => {
    const lanes = new AggregateLanes();
    const log: string[] = [];
    const first = gate();

    const a = lanes.run('clusters/c-1', async () => {
      log.push('start 1');
      await first.opened;
      log.push('end 1');
    });
    const b = lanes.run('clusters/c-1', async () => void log.push('start 2'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['start 1']);
    first.open();
    await Promise.all([a, b]);

    expect(log).toEqual(['start 1', 'end 1', 'start 2']);
  });

  it('runs the tasks of different keys side by side', async () => {
    const lanes = new AggregateLanes();
    const first = gate();
    const started: string[] = [];

    const a = lanes.run('clusters/c-1', async () => {
      started.push('c-1');
      await first.opened;
    });
    const b = lanes.run('clusters/c-2', async () => void started.push('c-2'));
    await b;

    expect(started).toEqual(['c-1', 'c-2']);
    first.open();
    await a;
  });

  it('runs the next task of a key after one that failed, and hands each caller its own outcome', async () => {
    const lanes = new AggregateLanes();

    const failed = lanes.run('k', async () => {
      throw new Error('boom');
    });
    const next = lanes.run('k', async () => 'next');

    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });

  it('forgets a key once its last task is done', async () => {
    const lanes = new AggregateLanes();

    await lanes.run('k', async () => undefined);
    await new Promise((resolve) => setImmediate(resolve));

    expect(lanes.busy).toBe(0);
  });
});
