import { MongoClient } from 'mongodb';
import { NatsConnection, connect } from 'nats';
import { NatsClusterProcess, waitFor } from '@grappes/testing';
import { FaultPlatform } from './support/fault-platform';
import { joinWorld, membershipKeys, noticeKeys, publishedJoinKeys } from './support/joins';
import { inParallel, record, seconds, tally } from './support/scenario';

describe('a three-node NATS cluster, every stream replicated three times, the clusters stream leader stopped during a burst of joins', () => {
  let cluster: NatsClusterProcess;
  let platform: FaultPlatform;
  let mongo: MongoClient;
  let nats: NatsConnection;

  beforeAll(async () => {
    cluster = await NatsClusterProcess.start(3);
    nats = await connect({ servers: cluster.url.split(','), maxReconnectAttempts: -1 });
    await waitFor(async () => (await nats.jetstreamManager()).getAccountInfo(), 'JetStream to elect its meta leader', 30_000);
    platform = new FaultPlatform({ natsUrl: cluster.url });
    await platform.start();
    mongo = await platform.mongo();
  });

  afterAll(async () => {
    await nats?.close();
    await mongo?.close();
    await platform?.stop();
    await cluster?.remove();
  });

  it('loses nothing and duplicates nothing: every committed join published once and told once', async () => {
    // The apps declare their streams with one replica; production would ask for three.
    const jsm = await nats.jetstreamManager();
    const streams = (await jsm.streams.names().next()) as string[];
    for (const name of streams) await jsm.streams.update(name, { num_replicas: 3 });
    const replicated = async () => {
      for (const name of streams) {
        const info = await jsm.streams.info(name);
        const current = (info.cluster?.replicas ?? []).filter((r) => r.current).length;
        if (info.config.num_replicas !== 3 || current !== 2) throw new Error(`${name}: ${info.config.num_replicas} replicas, ${current} peers current`);
        for await (const consumer of jsm.consumers.list(name)) {
          if (!consumer.config.durable_name) continue; // a watcher's ephemeral consumer lives on one node
          const peers = (consumer.cluster?.replicas ?? []).length;
          if (peers !== 2) throw new Error(`${name} consumer ${consumer.name}: ${consumer.config.num_replicas ?? 0} replicas, ${peers} peers`);
        }
      }
      return true;
    };
    await waitFor(replicated, 'every stream and consumer on three nodes', 30_000);
    const admin = await platform.admin();
    const world = await joinWorld(admin, mongo, platform, 10, 20, 9);
    const leader = (await jsm.streams.info('EVENTS_CLUSTERS')).cluster!.leader!;
    const node = cluster.nodes[Number(leader.replace('node-', ''))];

    let answered = 0;
    let stopping: Promise<void> | undefined;
    const joins = await inParallel(world.pairs, 10, async ({ clusterId, companyId }) => {
      const reply = await admin.post(`/clusters/${clusterId}/members`, { companyId });
      if (++answered === Math.floor(world.pairs.length / 3)) stopping = node.stop();
      return reply.status;
    });
    await stopping;
    const burstEndedAt = Date.now();
    const committed = [...new Set(await membershipKeys(mongo, platform, world.companyIds))];
    await waitFor(async () => new Set(await noticeKeys(mongo, platform, world.companyIds)).size >= committed.length, 'every committed join told', 90_000).catch(() => undefined);
    const caughtUpAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const newLeader = (await jsm.streams.info('EVENTS_CLUSTERS')).cluster?.leader;

    const stream = tally((await publishedJoinKeys(nats)).filter((key) => world.pairs.some((p) => p.key === key)), committed);
    const notices = tally(await noticeKeys(mongo, platform, world.companyIds), committed);
    const ok = world.pairs.filter((_, i) => joins[i] === 201).map((p) => p.key);
    const statuses = joins.reduce<Record<number, number>>((count, status) => ({ ...count, [status]: (count[status] ?? 0) + 1 }), {});
    record({
      sent: committed.length,
      effects: notices.effects,
      lost: notices.lost + stream.lost,
      duplicates: notices.duplicates + stream.duplicates,
      recoverySeconds: seconds(caughtUpAt - burstEndedAt),
      notes: { requests: world.pairs.length, statuses, stream, notices, stoppedLeader: leader, newLeader },
    });
    expect(newLeader).toBeDefined();
    expect(newLeader).not.toBe(leader);
    // Requests on connections to the stopped node answer 503 while they move to another: some went through.
    expect(ok.length).toBeGreaterThan(0);
    expect(ok.filter((key) => !committed.includes(key))).toEqual([]);
    expect(stream).toEqual({ effects: committed.length, lost: 0, duplicates: 0 });
    expect(notices).toEqual({ effects: committed.length, lost: 0, duplicates: 0 });
    expect(platform.crashed()).toEqual([]);
  });
});
