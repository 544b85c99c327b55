import { randomUUID } from 'node:crypto';
import { AckPolicy, NatsConnection, nanos } from 'nats';
import { waitFor } from '@grappes/testing';
import { JOINED, joinWorld, membershipKeys, noticeKeys } from './support/joins';
import { inParallel, record, seconds, tally, useScenario } from './support/scenario';

const DURABLE = 'notifications';

describe('a redeploy of notifications, and an event from a newer producer', () => {
  const scenario = useScenario();
  const { platform } = scenario;

  it('a redeploy finds its durable consumer with another configuration, applies its own, and handles once what was published meanwhile', async () => {
    const admin = await platform.admin();
    const world = await joinWorld(admin, scenario.mongo, platform, 4, 10, 1);
    const jsm = await scenario.nats.jetstreamManager();
    await platform.kill('notifications', 0, 'SIGTERM');
    // The previous deployment's configuration, as a rollback or an older release would leave it.
    await jsm.consumers.update('EVENTS_CLUSTERS', DURABLE, { ack_wait: nanos(7_000), max_deliver: 20 });
    const before = (await jsm.consumers.info('EVENTS_CLUSTERS', DURABLE)).config;
    const joins = await inParallel(world.pairs, 5, ({ clusterId, companyId }) => admin.post(`/clusters/${clusterId}/members`, { companyId }));

    const restartedAt = Date.now();
    await platform.restart('notifications');
    const expected = [...new Set(await membershipKeys(scenario.mongo, platform, world.companyIds))];
    await waitFor(async () => new Set(await noticeKeys(scenario.mongo, platform, world.companyIds)).size >= expected.length, 'a notice of every join', 60_000).catch(() => undefined);
    const caughtUpAt = Date.now();
    const after = (await jsm.consumers.info('EVENTS_CLUSTERS', DURABLE)).config;
    const figures = tally(await noticeKeys(scenario.mongo, platform, world.companyIds), expected);
    record({ sent: expected.length, ...figures, recoverySeconds: seconds(caughtUpAt - restartedAt), notes: { before: { ack_wait: before.ack_wait, max_deliver: before.max_deliver }, after: { ack_wait: after.ack_wait, max_deliver: after.max_deliver } } });

    expect(joins.every((reply) => reply.status === 201)).toBe(true);
    expect(before).toMatchObject({ ack_wait: nanos(7_000), max_deliver: 20 });
    expect(after).toMatchObject({ ack_wait: nanos(30_000), max_deliver: -1, ack_policy: AckPolicy.Explicit });
    expect(figures).toEqual({ effects: world.pairs.length, lost: 0, duplicates: 0 });
    expect(platform.crashed()).toEqual([]);
  });

  it('an event whose data carries a field the consumers do not know yet is handled once, not dead-lettered', async () => {
    const admin = await platform.admin();
    const world = await joinWorld(admin, scenario.mongo, platform, 1, 1, 2);
    const [{ clusterId, companyId }] = world.pairs;
    const real = await lastJoinEvent(scenario.nats);
    // A newer clusters release adds a field to company-joined-cluster: same major version, same type.
    const event = { ...real, id: randomUUID(), time: new Date().toISOString(), subject: `clusters/${clusterId}/members/${companyId}`, data: { ...real.data, clusterId, companyId, joinedVia: 'federation-import' } };
    const sentAt = Date.now();
    const ack = await scenario.nats.jetstream().publish(JOINED, JSON.stringify(event), { msgID: event.id });
    await scenario.nats.jetstream().publish(JOINED, JSON.stringify(event), { msgID: event.id }); // a relay's retry
    const notices = scenario.mongo.db(platform.databaseName('notifications')).collection('notifications');
    await waitFor(async () => (await notices.countDocuments({ eventId: event.id })) >= 1, 'the notice of the newer event', 30_000).catch(() => undefined);
    const handledAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const count = await notices.countDocuments({ eventId: event.id });
    const deadLetters = (await (await scenario.nats.jetstreamManager()).streams.info('DEAD_LETTERS')).state.messages;
    record({ sent: 1, effects: Math.min(count, 1), lost: count === 0 ? 1 : 0, duplicates: Math.max(count - 1, 0), recoverySeconds: seconds(handledAt - sentAt), notes: { deadLetters } });

    expect(ack.duplicate).toBe(false);
    expect(count).toBe(1);
    expect(deadLetters).toBe(0);
  });
});

/** The newest company-joined-cluster event in the clusters' stream: a real envelope to start from. */
async function lastJoinEvent(nats: NatsConnection): Promise<{ data: Record<string, unknown> } & Record<string, unknown>> {
  const message = await (await nats.jetstreamManager()).streams.getMessage('EVENTS_CLUSTERS', { last_by_subj: JOINED });
  return message.json();
}
