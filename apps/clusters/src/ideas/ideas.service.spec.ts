import { Principal } from '@grappes/contracts';
import { requireServer, testDatabaseOptions, uniqueName } from '@grappes/testing';
import mongoose, { Connection, Model } from 'mongoose';
import { Cluster, ClusterDocument, ClusterSchema } from '../clusters/cluster.schema';
import { ClusterAccessService } from '../clusters/cluster-access.service';
import { ClustersService } from '../clusters/clusters.service';
import { Membership, MembershipDocument, MembershipSchema } from '../memberships/membership.schema';
import { MembershipsRepository } from '../memberships/memberships.repository';
import { MembershipsService } from '../memberships/memberships.service';
import { Project, ProjectDocument, ProjectSchema } from '../projects/project.schema';
import { ProjectsService } from '../projects/projects.service';
import { Idea, IdeaDocument, IdeaSchema } from './idea.schema';
import { IdeasService } from './ideas.service';

const COMPANIES = ['coord', 'alpha', 'beta', 'gamma'];
const adminOf = (companyId: string): Principal => ({ id: `admin-${companyId}`, email: `admin@${companyId}.example`, companyId, roles: ['company-admin'] });
const staff: Principal = { id: 'staff', email: 'staff@grappes.test', roles: ['federation-admin'] };

describe('ideas and projects against the real database, under concurrent requests', () => {
  let connection: Connection;
  let ideas: Model<IdeaDocument>;
  let projects: Model<ProjectDocument>;
  let service: IdeasService;
  let projectsService: ProjectsService;
  const clusterId = 'cluster-1';

  beforeAll(async () => {
    connection = await mongoose.createConnection(requireServer('MONGODB_URI'), { dbName: uniqueName('ideas'), ...testDatabaseOptions }).asPromise();
    const clusters = connection.model<ClusterDocument>(Cluster.name, ClusterSchema);
    const memberships = connection.model<MembershipDocument>(Membership.name, MembershipSchema);
    ideas = connection.model<IdeaDocument>(Idea.name, IdeaSchema);
    projects = connection.model<ProjectDocument>(Project.name, ProjectSchema);
    await Promise.all([clusters, memberships, ideas, projects].map((model) => model.createCollection().then(() => model.syncIndexes())));
    await clusters.create({ _id: clusterId, name: 'Grappe Cadrans', theme: 'dials', admission: 'open', coordinatorCompanyId: 'coord', version: 1 });
    await memberships.insertMany(COMPANIES.map((companyId) => ({
      _id: `m-${companyId}`, clusterId, companyId, companyName: companyId.toUpperCase(),
      role: companyId === 'coord' ? 'coordinator' : 'member', state: 'joined', joinedAt: new Date(), version: 1,
    })));
    const membershipsService = new MembershipsService(new MembershipsRepository(memberships));
    const access = new ClusterAccessService(new ClustersService(clusters, membershipsService, undefined as never), membershipsService);
    projectsService = new ProjectsService(projects, access);
    service = new IdeasService(ideas, connection, access, projectsService);
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  const anIdea = async () =>
    (await service.post({ clusterId, title: 'Cadran émail', kind: 'innovation', description: 'Un four partagé', neededCapabilities: ['dials'] }, adminOf('alpha'))).id;
  const outcomes = (results: PromiseSettledResult<unknown>[]) =>
    results.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as { code: string }).code)).sort();

  it('records every company when several express interest at once, each with its own event and version', async () => {
    const ideaId = await anIdea();
    const results = await Promise.allSettled(['alpha', 'beta', 'gamma'].map((c) => service.expressInterest({ clusterId, ideaId }, adminOf(c))));
    expect(outcomes(results)).toEqual(['ok', 'ok', 'ok']);
    const idea = (await ideas.findById(ideaId).lean<IdeaDocument>())!;
    expect(idea.interests.map((i) => i.companyId).sort()).toEqual(['alpha', 'beta', 'gamma']);
    const versions = idea.pendingEvents.filter((e) => e.type.includes('interest-expressed')).map((e) => e.aggregateversion).sort();
    expect(versions).toEqual([2, 3, 4]);
  });

  it('keeps one interest per company when the same company expresses it twice at once', async () => {
    const ideaId = await anIdea();
    const results = await Promise.allSettled([1, 2].map(() => service.expressInterest({ clusterId, ideaId }, adminOf('beta'))));
    expect(outcomes(results)).toEqual(['IDEA.ALREADY_INTERESTED', 'ok']);
    expect((await ideas.findById(ideaId).lean<IdeaDocument>())!.interests).toHaveLength(1);
  });

  it('withdraws an interest once when it is withdrawn twice at once', async () => {
    const ideaId = await anIdea();
    await service.expressInterest({ clusterId, ideaId }, adminOf('gamma'));
    const results = await Promise.allSettled([1, 2].map(() => service.withdrawInterest({ clusterId, ideaId }, adminOf('gamma'))));
    expect(outcomes(results)).toEqual(['IDEA.NO_INTEREST', 'ok']);
    expect((await ideas.findById(ideaId).lean<IdeaDocument>())!.interests).toEqual([]);
  });

  it('launches an idea once, as one project carrying the interested companies, when launched twice at once', async () => {
    const ideaId = await anIdea();
    await service.expressInterest({ clusterId, ideaId }, adminOf('alpha'));
    await service.expressInterest({ clusterId, ideaId }, adminOf('beta'));
    const results = await Promise.allSettled([1, 2].map(() => service.launch({ clusterId, ideaId }, adminOf('coord'))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const launched = await projects.find({ ideaId }).lean<ProjectDocument[]>();
    expect(launched.map((p) => p.partners.map((partner) => partner.companyId).sort())).toEqual([['alpha', 'beta']]);
    expect((await ideas.findById(ideaId).lean<IdeaDocument>())).toMatchObject({ status: 'launched', projectId: launched[0]._id });
  });

  it('turns a departed partner into a former one with a single project-updated event, however often told', async () => {
    const project = await projectsService.launch({ clusterId, title: 'Lunette céramique', kind: 'product', partnerCompanyIds: ['gamma', 'beta'] }, staff);
    await Promise.all([1, 2].map(() => projectsService.partnerLeftCluster(clusterId, 'gamma', new Date())));
    const stored = (await projects.findById(project.id).lean<ProjectDocument>())!;
    expect(stored.partners.map((p) => [p.companyId, !!p.leftAt])).toEqual([['gamma', true], ['beta', false]]);
    expect(stored.pendingEvents.filter((e) => e.type.includes('project-updated'))).toHaveLength(1);
  });

  it('takes away the interest of a company that left the cluster', async () => {
    const ideaId = await anIdea();
    await service.expressInterest({ clusterId, ideaId }, adminOf('gamma'));
    await service.companyLeftCluster(clusterId, 'gamma');
    expect((await ideas.findById(ideaId).lean<IdeaDocument>())!.interests).toEqual([]);
  });
});
