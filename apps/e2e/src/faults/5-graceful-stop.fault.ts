import { waitFor } from '@grappes/testing';
import { joinWorld, membershipKeys, noticeKeys } from './support/joins';
import { inParallel, record, seconds, tally, useScenario } from './support/scenario';

describe('clusters stopped gracefully (SIGTERM) during a burst of joins', () => {
  const scenario = useScenario();
  const { platform } = scenario;

  it('answers every join it committed, exits cleanly, and after its restart each is told once', async () => {
    const admin = await platform.admin();
    const world = await joinWorld(admin, scenario.mongo, platform, 10, 40, 3);
    let answered = 0;
    let stopping: Promise<void> | undefined;
    let signalledAt = 0;
    let stoppedAt = 0;
    // More joins than the burst needs: it goes on until a second after the process is gone, then stops sending (-1).
    const joins = await inParallel(world.pairs, 10, async ({ clusterId, companyId }) => {
      if (stoppedAt && Date.now() - stoppedAt > 1_000) return -1;
      const reply = await admin.post(`/clusters/${clusterId}/members`, { companyId });
      if (++answered === 60) {
        signalledAt = Date.now();
        stopping = platform.kill('clusters', 0, 'SIGTERM').then(() => void (stoppedAt = Date.now()));
      }
      return reply.status;
    });
    await stopping;
    // Nest closes the app, then raises the signal again: the process ends by SIGTERM, after its shutdown.
    const exit = platform.exit('clusters');

    const committed = [...new Set(await membershipKeys(scenario.mongo, platform, world.companyIds))];
    const ok = world.pairs.filter((_, i) => joins[i] === 201).map((p) => p.key);
    const unanswered = committed.filter((key) => !ok.includes(key));
    const restartedAt = Date.now();
    await platform.restart('clusters');
    await waitFor(async () => new Set(await noticeKeys(scenario.mongo, platform, world.companyIds)).size >= committed.length, 'a notice of every committed join', 60_000).catch(() => undefined);
    const caughtUpAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const figures = tally(await noticeKeys(scenario.mongo, platform, world.companyIds), committed);
    const sent = joins.filter((status) => status !== -1).length;
    const statuses = joins.filter((status) => status !== -1).reduce<Record<number, number>>((count, status) => ({ ...count, [status]: (count[status] ?? 0) + 1 }), {});
    record({
      sent: committed.length,
      ...figures,
      lost: figures.lost + unanswered.length,
      recoverySeconds: seconds(caughtUpAt - restartedAt),
      notes: { requests: sent, statuses, committedUnanswered: unanswered.length, exit, stopSeconds: seconds(stoppedAt - signalledAt) },
    });
    expect(exit).toBe('SIGTERM');
    // The stop came in the middle of the burst: some joins were refused.
    expect(ok.length).toBeGreaterThan(0);
    expect(ok.length).toBeLessThan(sent);
    expect(unanswered).toEqual([]);
    expect(ok.filter((key) => !committed.includes(key))).toEqual([]);
    expect(figures).toEqual({ effects: committed.length, lost: 0, duplicates: 0 });
    expect(platform.crashed()).toEqual([]);
  });
});
