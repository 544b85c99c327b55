// The clusters service's rules against a real MongoDB-wire server (its own database, dropped afterwards).
import { Principal } from '@grappes/contracts';
import { RpcClient } from '@grappes/messaging';
import { requireServer, testDatabaseOptions, uniqueName } from '@grappes/testing';
import mongoose, { Connection, Model } from 'mongoose';
import { Cluster, ClusterDocument, ClusterSchema } from '../clusters/cluster.schema';
import { ClustersService } from '../clusters/clusters.service';
import { KnownCompaniesService } from '../companies/known-companies.service';
import { KnownCompany, KnownCompanySchema } from '../companies/known-company.schema';
import { Membership, MembershipDocument, MembershipSchema } from '../memberships/membership.schema';
import { MembershipsRepository } from '../memberships/memberships.repository';
import { MembershipsService } from '../memberships/memberships.service';

const MONGODB_URI = requireServer('MONGODB_URI');
const ADMIN: Principal = { id: 'p-admin', email: 'admin@grappes.test', roles: ['federation-admin'] };
const COMPANY = { _id: 'co-1', name: 'Boîtiers du Doubs' };

let db: Connection;
let clusterModel: Model<ClusterDocument>;
let membershipModel: Model<MembershipDocument>;
let memberships: MembershipsService;
let clusters: ClustersService;

/** No request leaves this test: every company it names is known locally. */
const NO_RPC = {} as RpcClient;

beforeAll(async () => {
  db = await mongoose.createConnection(MONGODB_URI, { ...testDatabaseOptions, dbName: uniqueName('clusters_test') }).asPromise();
  clusterModel = db.model<ClusterDocument>(Cluster.name, ClusterSchema);
  membershipModel = db.model<MembershipDocument>(Membership.name, MembershipSchema);
  const companyModel = db.model<KnownCompany>(KnownCompany.name, KnownCompanySchema);
  await Promise.all([clusterModel.init(), membershipModel.init(), companyModel.init()]);
  await companyModel.create({ _id: COMPANY._id, name: COMPANY.name, status: 'active', capabilities: ['cases'], version: 1 });
  memberships = new MembershipsService(new MembershipsRepository(membershipModel));
  clusters = new ClustersService(clusterModel, memberships, new KnownCompaniesService(companyModel, NO_RPC));
});

afterAll(async () => {
  await db?.dropDatabase();
  await db?.close();
});

async function openCluster(name: string): Promise<ClusterDocument> {
  const view = await clusters.create({ name, theme: 'cases', admission: 'open' }, ADMIN);
  return clusters.find(view.id);
}

describe('a company leaving the federation', () => {
  it('leaves every other cluster when one of its memberships was left meanwhile by a concurrent change', async () => {
    const [a, b] = [await openCluster(uniqueName('Grappe A')), await openCluster(uniqueName('Grappe B'))];
    await memberships.admit(a, COMPANY, 'member');
    await memberships.admit(b, COMPANY, 'member');

    // The company leaves cluster A on its own between the handler's read and its write.
    const removed = await memberships.removeCompany(COMPANY._id, async (clusterId) => {
      if (clusterId === a._id) await memberships.leave(a, COMPANY);
      return clusters.find(clusterId);
    });

    const states = await membershipModel.find({ companyId: COMPANY._id, clusterId: { $in: [a._id, b._id] } }).lean();
    expect(states.map((m) => m.state)).toEqual(['left', 'left']);
    expect(removed).toBe(1);
  });
});

describe('opening a cluster with its coordinator', () => {
  it('leaves no cluster behind when the coordinator could not be admitted: the two writes are one', async () => {
    const name = uniqueName('Grappe C');
    // A crash between the cluster's write and the coordinator's membership.
    const crashing = new (class extends MembershipsService {
      override async admit(): Promise<void> {
        throw new Error('the process died here');
      }
    })(new MembershipsRepository(membershipModel));
    const companyModel = db.model<KnownCompany>(KnownCompany.name);
    const service = new ClustersService(clusterModel, crashing, new KnownCompaniesService(companyModel, NO_RPC));

    await expect(service.create({ name, theme: 'cases', admission: 'open', coordinatorCompanyId: COMPANY._id }, ADMIN)).rejects.toThrow(
      'the process died here',
    );

    expect(await clusterModel.countDocuments({ name })).toBe(0);
  });

  it('opens the cluster with its coordinator as a member, in one go', async () => {
    const view = await clusters.create({ name: uniqueName('Grappe D'), theme: 'cases', admission: 'open', coordinatorCompanyId: COMPANY._id }, ADMIN);

    const membership = await membershipModel.findOne({ clusterId: view.id, companyId: COMPANY._id }).lean();
    expect(membership).toMatchObject({ state: 'joined', role: 'coordinator' });
    expect(view.memberCount).toBe(1);
  });
});
