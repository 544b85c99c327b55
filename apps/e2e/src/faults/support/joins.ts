import { MongoClient } from 'mongodb';
import { NatsConnection } from 'nats';
import { THEMES } from '@grappes/contracts';
import { waitFor } from '@grappes/testing';
import { ApiClient } from '../../support/client';
import { FaultPlatform } from './fault-platform';
import { company, inParallel } from './scenario';

export const JOINED = 'events.clusters.company-joined-cluster';

export interface JoinWorld {
  clusterIds: string[];
  companyIds: string[];
  /** Every (cluster, company) pair, as `clusterId:companyId`: one join each. */
  pairs: { clusterId: string; companyId: string; key: string }[];
}

/**
 * Clusters and companies for a burst of joins (clusters × companies of them),
 * and one join told to the admin first: the chain works end to end before the fault.
 */
export async function joinWorld(admin: ApiClient, mongo: MongoClient, platform: FaultPlatform, clusters: number, companies: number, series = 6): Promise<JoinWorld> {
  const clusterIds = await inParallel(Array.from({ length: clusters }, (_, i) => i), 4, async (i) => {
    const created = await admin.post('/clusters', { name: `Grappe ${series}-${i}`, theme: THEMES[i % THEMES.length], admission: 'open' });
    if (created.status !== 201) throw new Error(`cluster: ${created.status} ${JSON.stringify(created.body)}`);
    return created.body.id as string;
  });
  const companyIds = await inParallel(Array.from({ length: companies + 1 }, (_, i) => i), 4, async (i) => {
    const created = await admin.post('/companies', company(`Pignons ${series}-${i}`, i, series));
    if (created.status !== 201) throw new Error(`company: ${created.status} ${JSON.stringify(created.body)}`);
    return created.body.id as string;
  });
  const warmUp = companyIds.pop()!;
  // clusters learns of companies by event: the warm-up join waits for that too.
  await waitFor(async () => (await admin.post(`/clusters/${clusterIds[0]}/members`, { companyId: warmUp })).status === 201, 'a first join', 30_000);
  await waitFor(async () => (await noticeKeys(mongo, platform, [warmUp])).length === 1, 'the first join told to the admin', 30_000);
  await waitFor(async () => (await mongo.db(platform.databaseName('clusters')).collection('known_companies').countDocuments({ _id: { $in: companyIds } } as object)) === companyIds.length, 'clusters to know every company', 30_000);
  const pairs = clusterIds.flatMap((clusterId) => companyIds.map((companyId) => ({ clusterId, companyId, key: `${clusterId}:${companyId}` })));
  return { clusterIds, companyIds, pairs };
}

/** The inbox notices of joins of these companies, one key per notice: `clusterId:companyId` (the admin is the only recipient). */
export async function noticeKeys(mongo: MongoClient, platform: FaultPlatform, companyIds: string[]): Promise<string[]> {
  const notices = await mongo
    .db(platform.databaseName('notifications'))
    .collection('notifications')
    .find({ type: 'company-joined-cluster', channel: 'inbox', 'data.companyId': { $in: companyIds } })
    .project<{ data: { clusterId: string; companyId: string } }>({ data: 1 })
    .toArray();
  return notices.map((n) => `${n.data.clusterId}:${n.data.companyId}`);
}

/** The memberships stored for these companies (what clusters committed), as `clusterId:companyId`. */
export async function membershipKeys(mongo: MongoClient, platform: FaultPlatform, companyIds: string[]): Promise<string[]> {
  const memberships = await mongo
    .db(platform.databaseName('clusters'))
    .collection('memberships')
    .find({ companyId: { $in: companyIds }, state: 'joined' })
    .project<{ clusterId: string; companyId: string }>({ clusterId: 1, companyId: 1 })
    .toArray();
  return memberships.map((m) => `${m.clusterId}:${m.companyId}`);
}

/** Every company-joined-cluster event stored in the clusters' stream, as `clusterId:companyId` of its aggregate, one per message. */
export async function publishedJoinKeys(nats: NatsConnection): Promise<string[]> {
  const jsm = await nats.jetstreamManager();
  const stored = (await jsm.streams.info('EVENTS_CLUSTERS', { subjects_filter: JOINED })).state.subjects?.[JOINED] ?? 0;
  if (stored === 0) return [];
  const consumer = await nats.jetstream().consumers.get('EVENTS_CLUSTERS', { filterSubjects: [JOINED] });
  const keys: string[] = [];
  for await (const message of await consumer.fetch({ max_messages: stored, expires: 5_000 })) {
    const event = message.json<{ data: { clusterId: string; companyId: string } }>();
    keys.push(`${event.data.clusterId}:${event.data.companyId}`);
  }
  return keys;
}
