// The memberships repository against a real MongoDB-wire server (its own database, dropped afterwards).
import { CLUSTERS_EVENTS, ERRORS } from '@grappes/contracts';
import { requireServer, testDatabaseOptions, uniqueName } from '@grappes/testing';
import mongoose, { Connection, Model } from 'mongoose';
import { admit, leave, requestToJoin } from './membership';
import { Membership, MembershipDocument, MembershipSchema } from './membership.schema';
import { MembershipsRepository } from './memberships.repository';

const CLUSTER = { _id: 'cl-1', name: 'Grappe Boîtiers', theme: 'cases' as const };

let db: Connection;
let model: Model<MembershipDocument>;
let memberships: MembershipsRepository;

beforeAll(async () => {
  db = await mongoose.createConnection(requireServer('MONGODB_URI'), { ...testDatabaseOptions, dbName: uniqueName('clusters_test') }).asPromise();
  model = db.model<MembershipDocument>(Membership.name, MembershipSchema);
  await model.init();
  memberships = new MembershipsRepository(model);
});

afterAll(async () => {
  await db?.dropDatabase();
  await db?.close();
});

const company = () => ({ _id: uniqueName('co'), name: 'Boîtiers du Doubs' });
const settled = (moves: Promise<void>[]) => Promise.allSettled(moves).then((all) => all.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as { code: string }).code)));

describe('the memberships repository', () => {
  it('writes each move with its event at the next version', async () => {
    const c = company();
    await memberships.transition(CLUSTER._id, c, admit(CLUSTER, c, 'member'));
    await memberships.transition(CLUSTER._id, c, leave(CLUSTER, c));

    const stored = await model.findOne({ clusterId: CLUSTER._id, companyId: c._id }).lean<MembershipDocument>();
    expect(stored).toMatchObject({ state: 'left', version: 2, companyName: c.name });
    expect(stored!.pendingEvents.map((e) => [e.type, e.aggregateversion])).toEqual([
      [CLUSTERS_EVENTS.companyJoinedCluster.type, 1],
      [CLUSTERS_EVENTS.companyLeftCluster.type, 2],
    ]);
  });

  it('lets one of two simultaneous first joins of a company win; the other is refused, whichever read it made', async () => {
    const c = company();
    const outcomes = await settled([1, 2].map(() => memberships.transition(CLUSTER._id, c, admit(CLUSTER, c, 'member'))));

    // Refused as a concurrent change when both read "no membership", as a member already when the loser read after the winner wrote.
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect([ERRORS.CONCURRENT_CHANGE.code, ERRORS.CLUSTER_ALREADY_MEMBER.code]).toContain(outcomes.find((o) => o !== 'ok'));
    expect(await model.countDocuments({ companyId: c._id })).toBe(1);
  });

  it('lets one of two simultaneous moves from one version win, with one event', async () => {
    const c = company();
    await memberships.transition(CLUSTER._id, c, requestToJoin(CLUSTER, c));
    const outcomes = await settled([
      memberships.transition(CLUSTER._id, c, admit(CLUSTER, c, 'member')),
      memberships.transition(CLUSTER._id, c, admit(CLUSTER, c, 'member')),
    ]);

    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    const stored = await model.findOne({ companyId: c._id }).lean<MembershipDocument>();
    expect(stored).toMatchObject({ state: 'joined', version: 2 });
    expect(stored!.pendingEvents).toHaveLength(2);
  });

  it('lists the members in the order they joined, and the requests oldest first', async () => {
    const cluster = { ...CLUSTER, _id: uniqueName('cl') };
    const [a, b, p] = [company(), company(), company()];
    await memberships.transition(cluster._id, b, admit(cluster, b, 'member', undefined, new Date('2026-01-02')));
    await memberships.transition(cluster._id, a, admit(cluster, a, 'member', undefined, new Date('2026-01-01')));
    await memberships.transition(cluster._id, p, requestToJoin(cluster, p));

    expect((await memberships.joinedMembersOf(cluster._id)).map((m) => m.companyId)).toEqual([a._id, b._id]);
    expect((await memberships.pendingRequestsOf(cluster._id)).map((m) => m.companyId)).toEqual([p._id]);
    expect((await memberships.countJoined([cluster._id])).get(cluster._id)).toBe(2);
    expect((await memberships.openOf(p._id)).map((m) => m.state)).toEqual(['pending']);
  });
});
