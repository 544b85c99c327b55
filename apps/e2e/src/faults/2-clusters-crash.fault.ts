import { DiscardPolicy } from 'nats';
import { waitFor } from '@grappes/testing';
import { joinWorld, membershipKeys, noticeKeys, publishedJoinKeys } from './support/joins';
import { inParallel, record, seconds, tally, useScenario } from './support/scenario';

const CLUSTERS = 5;
const COMPANIES = 20;

describe('clusters killed (kill -9) between its database writes and their publishing', () => {
  const scenario = useScenario();
  const { platform } = scenario;

  it('keeps the unpublished events in the outbox, and after its restart the relay publishes each once', async () => {
    const admin = await platform.admin();
    const world = await joinWorld(admin, scenario.mongo, platform, CLUSTERS, COMPANIES, 7);
    const jsm = await scenario.nats.jetstreamManager();
    // The stream refuses every new event for now: each write commits, its publish cannot happen.
    const held = (await jsm.streams.info('EVENTS_CLUSTERS')).state.messages;
    await jsm.streams.update('EVENTS_CLUSTERS', { max_msgs: held, discard: DiscardPolicy.New });

    const joins = await inParallel(world.pairs, 10, ({ clusterId, companyId }) => admin.post(`/clusters/${clusterId}/members`, { companyId }));
    await platform.kill('clusters');
    const memberships = scenario.mongo.db(platform.databaseName('clusters')).collection('memberships');
    const pendingAtKill = await memberships.countDocuments({ companyId: { $in: world.companyIds }, 'pendingEvents.id': { $exists: true } });
    const publishedAtKill = (await publishedJoinKeys(scenario.nats)).filter((key) => world.pairs.some((p) => p.key === key)).length;

    await jsm.streams.update('EVENTS_CLUSTERS', { max_msgs: -1, discard: DiscardPolicy.Old });
    const restartedAt = Date.now();
    await platform.restart('clusters');
    const expected = world.pairs.map((p) => p.key);
    const drained = async () => (await memberships.countDocuments({ companyId: { $in: world.companyIds }, 'pendingEvents.id': { $exists: true } })) === 0;
    await waitFor(drained, 'the outbox drained', 30_000).catch(() => undefined);
    await waitFor(async () => new Set(await noticeKeys(scenario.mongo, platform, world.companyIds)).size >= expected.length, 'a notice of every join', 60_000).catch(() => undefined);
    const caughtUpAt = Date.now();

    const published = (await publishedJoinKeys(scenario.nats)).filter((key) => expected.includes(key));
    const stream = tally(published, expected);
    const notices = tally(await noticeKeys(scenario.mongo, platform, world.companyIds), expected);
    record({
      sent: joins.filter((reply) => reply.status === 201).length,
      effects: stream.effects,
      lost: stream.lost + notices.lost,
      duplicates: stream.duplicates + notices.duplicates,
      recoverySeconds: seconds(caughtUpAt - restartedAt),
      notes: { pendingInOutboxAtKill: pendingAtKill, publishedAtKill, notices },
    });
    expect(joins.map((reply) => reply.status)).toEqual(expected.map(() => 201));
    expect(new Set(await membershipKeys(scenario.mongo, platform, world.companyIds)).size).toBe(expected.length);
    expect(pendingAtKill).toBe(expected.length);
    expect(publishedAtKill).toBe(0);
    expect(await drained()).toBe(true);
    expect(stream).toEqual({ effects: expected.length, lost: 0, duplicates: 0 });
    expect(notices).toEqual({ effects: expected.length, lost: 0, duplicates: 0 });
    expect(platform.crashed()).toEqual([]);
  });
});
