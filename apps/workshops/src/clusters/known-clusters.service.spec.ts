// The workshops service's view of clusters against a real MongoDB-wire server (its own database, dropped afterwards).
import { ClusterSnapshot, CompanyJoinedCluster, ERRORS, Principal } from '@grappes/contracts';
import { RpcClient } from '@grappes/messaging';
import { requireServer, testDatabaseOptions, uniqueName } from '@grappes/testing';
import mongoose, { Connection } from 'mongoose';
import { KnownCluster, KnownClusterSchema } from './known-cluster.schema';
import { KnownClustersService } from './known-clusters.service';
import { KnownMembership, KnownMembershipSchema } from './known-membership.schema';

const ADMIN: Principal = { id: 'p-admin', email: 'admin@grappes.test', roles: ['federation-admin'] };

let db: Connection;
let known: KnownClustersService;
/** What the clusters service answers when this view does not know a cluster yet. */
const asked: string[] = [];
const rpc = {
  send: async (_def: unknown, { clusterId }: { clusterId: string }) => {
    asked.push(clusterId);
    return { name: 'Grappe Cadrans', coordinatorCompanyId: 'co-coord', members: [{ companyId: 'co-new' }] };
  },
} as unknown as RpcClient;

beforeAll(async () => {
  db = await mongoose.createConnection(requireServer('MONGODB_URI'), { ...testDatabaseOptions, dbName: uniqueName('workshops_test') }).asPromise();
  const clusters = db.model<KnownCluster>(KnownCluster.name, KnownClusterSchema);
  const memberships = db.model<KnownMembership>(KnownMembership.name, KnownMembershipSchema);
  await Promise.all([clusters.init(), memberships.init()]);
  known = new KnownClustersService(clusters, memberships, rpc);
});

afterAll(async () => {
  await db?.dropDatabase();
  await db?.close();
});

const snapshot = (clusterId: string, version: number, coordinatorCompanyId?: string): ClusterSnapshot =>
  ({ clusterId, name: 'Grappe Boîtiers', theme: 'cases', admission: 'open', coordinatorCompanyId, version }) as ClusterSnapshot;
const joined = (clusterId: string, companyId: string, version: number): CompanyJoinedCluster =>
  ({ clusterId, clusterName: 'Grappe Boîtiers', theme: 'cases', companyId, companyName: 'Boîtiers du Doubs', role: 'member', joinedAt: new Date().toISOString(), version }) as CompanyJoinedCluster;

describe("the workshops service's view of clusters", () => {
  it('keeps the newest state of a cluster when an older event arrives late, and erases a coordinator that is gone', async () => {
    const clusterId = uniqueName('cl');
    await known.recordCluster(snapshot(clusterId, 3));
    await known.recordCluster(snapshot(clusterId, 2, 'co-old'));

    expect(await known.find(clusterId, ADMIN)).toMatchObject({ coordinatorCompanyId: null });
    expect(asked).not.toContain(clusterId);
  });

  it('asks the clusters service for a cluster whose creation has not reached it yet', async () => {
    const clusterId = uniqueName('cl');

    expect(await known.find(clusterId, ADMIN)).toMatchObject({ name: 'Grappe Cadrans', coordinatorCompanyId: 'co-coord' });
    expect(asked).toContain(clusterId);
  });

  it('tells whether a company is still a member after each membership event, whatever their order', async () => {
    const clusterId = uniqueName('cl');
    expect(await known.recordMembership(joined(clusterId, 'co-1', 3), true)).toBe(true);
    // The leaving of an earlier membership, arriving late: the company is still a member.
    expect(await known.recordMembership(joined(clusterId, 'co-1', 2), false)).toBe(true);
    expect(await known.recordMembership(joined(clusterId, 'co-1', 4), false)).toBe(false);

    expect(await known.clustersOf('co-1')).not.toContain(clusterId);
  });

  it("lists a company's clusters from the events, and asks for a membership not told yet", async () => {
    const [a, b] = [uniqueName('cl'), uniqueName('cl')];
    const companyId = uniqueName('co');
    await known.recordMembership(joined(a, companyId, 1), true);
    await known.recordMembership(joined(b, companyId, 1), true);

    expect((await known.clustersOf(companyId)).sort()).toEqual([a, b].sort());
    await expect(known.assertMember(a, companyId, ADMIN)).resolves.toBeUndefined();
    const asked = uniqueName('cl');
    await expect(known.assertMember(asked, 'co-new', ADMIN)).resolves.toBeUndefined();
    // The answer is kept, so that a registration's transaction has a membership to hold.
    expect(await known.clustersOf('co-new')).toContain(asked);
    await expect(known.assertMember(uniqueName('cl'), 'co-stranger', ADMIN)).rejects.toMatchObject({ code: ERRORS.WORKSHOP_COMPANY_NOT_IN_CLUSTER.code });
  });
});
