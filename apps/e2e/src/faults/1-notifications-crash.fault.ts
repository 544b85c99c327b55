import { waitFor } from '@grappes/testing';
import { joinWorld, membershipKeys, noticeKeys } from './support/joins';
import { inParallel, record, seconds, tally, useScenario } from './support/scenario';

// 300 joins (10 clusters × 30 companies) rather than the 500: on 2 shared cores the
// burst, the restart and the catch-up then stay under a minute.
const CLUSTERS = 10;
const COMPANIES = 30;

describe('notifications killed (kill -9) during a burst of joins', () => {
  const scenario = useScenario();
  const { platform } = scenario;

  it('after its restart, every join has its inbox notice exactly once', async () => {
    const admin = await platform.admin();
    const world = await joinWorld(admin, scenario.mongo, platform, CLUSTERS, COMPANIES);
    let answered = 0;
    let killedAt = 0;
    let toldAtKill = -1;
    const kill = async () => {
      toldAtKill = (await noticeKeys(scenario.mongo, platform, world.companyIds)).length;
      killedAt = Date.now();
      await platform.kill('notifications');
    };
    let killing: Promise<void> | undefined;

    const joins = await inParallel(world.pairs, 10, async ({ clusterId, companyId }) => {
      const reply = await admin.post(`/clusters/${clusterId}/members`, { companyId });
      if (++answered === Math.floor(world.pairs.length / 3)) killing = kill();
      return reply.status;
    });
    await killing;
    const restartedAt = Date.now();
    await platform.restart('notifications');
    const expected = world.pairs.map((p) => p.key);
    await waitFor(async () => new Set(await noticeKeys(scenario.mongo, platform, world.companyIds)).size >= expected.length, 'a notice of every join', 60_000).catch(() => undefined);
    const caughtUpAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // late redeliveries would add duplicates now

    const figures = tally(await noticeKeys(scenario.mongo, platform, world.companyIds), expected);
    record({
      sent: joins.filter((status) => status === 201).length,
      ...figures,
      recoverySeconds: seconds(caughtUpAt - restartedAt),
      notes: { joins: world.pairs.length, noticesWhenKilled: toldAtKill, downSeconds: seconds(restartedAt - killedAt) },
    });
    expect(joins.every((status) => status === 201)).toBe(true);
    expect(new Set(await membershipKeys(scenario.mongo, platform, world.companyIds)).size).toBe(expected.length);
    // The kill came in the middle of the stream of events, not after it.
    expect(toldAtKill).toBeGreaterThanOrEqual(0);
    expect(toldAtKill).toBeLessThan(expected.length);
    expect(figures).toEqual({ effects: expected.length, lost: 0, duplicates: 0 });
    expect(platform.crashed()).toEqual([]);
  });
});
