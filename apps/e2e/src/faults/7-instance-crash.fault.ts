import { waitFor } from '@grappes/testing';
import { joinWorld, membershipKeys, noticeKeys, publishedJoinKeys } from './support/joins';
import { inParallel, record, seconds, tally, useScenario } from './support/scenario';

describe('two instances of every service, one instance of clusters and one of notifications killed (kill -9) during a burst of joins', () => {
  const scenario = useScenario({ instances: { members: 2, clusters: 2, workshops: 2, notifications: 2 } });
  const { platform } = scenario;

  it('the surviving instances carry on: every committed join is published once and told once, without a restart', async () => {
    const admin = await platform.admin();
    const world = await joinWorld(admin, scenario.mongo, platform, 10, 20, 8);
    let answered = 0;
    let killing: Promise<unknown> | undefined;
    let killedAt = 0;
    const joins = await inParallel(world.pairs, 10, async ({ clusterId, companyId }) => {
      const reply = await admin.post(`/clusters/${clusterId}/members`, { companyId });
      if (++answered === Math.floor(world.pairs.length / 3)) {
        killedAt = Date.now();
        killing = Promise.all([platform.kill('clusters', 1), platform.kill('notifications', 1)]);
      }
      return reply.status;
    });
    await killing;
    const burstEndedAt = Date.now();

    const committed = [...new Set(await membershipKeys(scenario.mongo, platform, world.companyIds))];
    const memberships = scenario.mongo.db(platform.databaseName('clusters')).collection('memberships');
    const drained = async () => (await memberships.countDocuments({ companyId: { $in: world.companyIds }, 'pendingEvents.id': { $exists: true } })) === 0;
    // Events the killed consumer had taken come back after the ack wait (30 s).
    await waitFor(async () => (await drained()) && new Set(await noticeKeys(scenario.mongo, platform, world.companyIds)).size >= committed.length, 'every committed join published and told', 90_000).catch(() => undefined);
    const caughtUpAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const stream = tally((await publishedJoinKeys(scenario.nats)).filter((key) => world.pairs.some((p) => p.key === key)), committed);
    const notices = tally(await noticeKeys(scenario.mongo, platform, world.companyIds), committed);
    const ok = world.pairs.filter((_, i) => joins[i] === 201).map((p) => p.key);
    const statuses = joins.reduce<Record<number, number>>((count, status) => ({ ...count, [status]: (count[status] ?? 0) + 1 }), {});
    record({
      sent: committed.length,
      effects: notices.effects,
      lost: notices.lost + stream.lost,
      duplicates: notices.duplicates + stream.duplicates,
      recoverySeconds: seconds(caughtUpAt - burstEndedAt),
      notes: { requests: world.pairs.length, statuses, stream, notices, killedAfterSeconds: seconds(killedAt - burstEndedAt) },
    });
    expect(ok.length).toBeGreaterThan(world.pairs.length / 2);
    expect(ok.filter((key) => !committed.includes(key))).toEqual([]);
    expect(await drained()).toBe(true);
    expect(stream).toEqual({ effects: committed.length, lost: 0, duplicates: 0 });
    expect(notices).toEqual({ effects: committed.length, lost: 0, duplicates: 0 });
    expect(platform.crashed()).toEqual([]);
  });
});
