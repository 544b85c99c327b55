import { waitFor } from '@grappes/testing';
import { joinWorld, membershipKeys, noticeKeys } from './support/joins';
import { inParallel, record, seconds, tally, useScenario } from './support/scenario';

const OUTAGE_MS = 25_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('nats-server stopped for 25 s during traffic, then started again on the same port', () => {
  const scenario = useScenario();
  const { platform } = scenario;

  it('every service recovers without a restart, and every committed join is told exactly once', async () => {
    const admin = await platform.admin();
    const world = await joinWorld(admin, scenario.mongo, platform, 12, 40, 5);
    const statuses = new Map<number, number>();
    let running = true;
    let firstSuccessAfterRestart = 0;
    let restartedAt = 0;
    const traffic = inParallel(world.pairs, 2, async ({ clusterId, companyId }) => {
      if (!running) return 0;
      const reply = await admin.post(`/clusters/${clusterId}/members`, { companyId }).catch(() => ({ status: 0 }));
      statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      if (reply.status === 201 && restartedAt && !firstSuccessAfterRestart) firstSuccessAfterRestart = Date.now();
      await sleep(150);
      return reply.status;
    });

    await sleep(3_000);
    await platform.nats!.stop();
    await sleep(OUTAGE_MS);
    await platform.nats!.start();
    restartedAt = Date.now();
    await waitFor(() => firstSuccessAfterRestart > 0 && platform.ready(), 'every app ready and a join answered again', 60_000).catch(() => undefined);
    const recoveredAt = Date.now();
    await sleep(3_000);
    running = false;
    const replies = await traffic;

    // Nothing lost: every join clusters committed (answered or not) is told once; every 201 was committed.
    const committed = [...new Set(await membershipKeys(scenario.mongo, platform, world.companyIds))];
    await waitFor(async () => new Set(await noticeKeys(scenario.mongo, platform, world.companyIds)).size >= committed.length, 'a notice of every committed join', 60_000).catch(() => undefined);
    const caughtUpAt = Date.now();
    await sleep(1_000);
    const figures = tally(await noticeKeys(scenario.mongo, platform, world.companyIds), committed);
    const answered = world.pairs.filter((_, i) => replies[i] === 201).map((p) => p.key);
    record({
      sent: committed.length,
      ...figures,
      recoverySeconds: seconds(recoveredAt - restartedAt),
      notes: { answered: answered.length, statuses: Object.fromEntries(statuses), caughtUpSeconds: seconds(caughtUpAt - restartedAt) },
    });
    expect(firstSuccessAfterRestart).toBeGreaterThan(0);
    expect(await platform.ready()).toBe(true);
    expect(answered.filter((key) => !committed.includes(key))).toEqual([]);
    // Traffic went on through the outage: some joins failed, and joins succeeded before and after.
    expect(replies.filter((status) => status !== 201 && status !== 0).length).toBeGreaterThan(0);
    expect(figures).toEqual({ effects: committed.length, lost: 0, duplicates: 0 });
    expect(platform.crashed()).toEqual([]);
    expect(platform.instances.map((i) => i.history.length)).toEqual(platform.instances.map(() => 1));
  });
});
