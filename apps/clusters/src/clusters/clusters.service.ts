import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  CLUSTERS_EVENTS, ClusterDetail, ClusterQuery, ClusterSnapshot, ClusterView, CreateCluster, DomainError, ERRORS, Page,
  Principal, assertFederationAdmin, isCoordinator, isFederationAdmin, pageOf,
} from '@grappes/contracts';
import { createEvent, inTransaction, isDuplicateKey, withEvents } from '@grappes/messaging';
import { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { KnownCompaniesService } from '../companies/known-companies.service';
import { MembershipsService } from '../memberships/memberships.service';
import { Cluster, ClusterDocument } from './cluster.schema';

@Injectable()
export class ClustersService {
  constructor(
    @InjectModel(Cluster.name) private readonly clusters: Model<ClusterDocument>,
    private readonly memberships: MembershipsService,
    private readonly companies: KnownCompaniesService,
  ) {}

  async create(input: CreateCluster, principal: Principal): Promise<ClusterView> {
    assertFederationAdmin(principal);
    const coordinator = input.coordinatorCompanyId ? await this.activeCompany(input.coordinatorCompanyId, principal) : undefined;
    const _id = randomUUID();
    const snapshot: ClusterSnapshot = { clusterId: _id, ...input, version: 1 };
    const event = createEvent(CLUSTERS_EVENTS.clusterCreated, { subject: `clusters/${_id}`, version: 1 }, snapshot);
    // One transaction: a crash between the two writes must not leave a coordinator outside its cluster.
    const cluster = await inTransaction(this.clusters.db, async (session) => {
      const [created] = await this.clusters.create([{ _id, ...input, version: 1, pendingEvents: [event] }], { session });
      if (coordinator) await this.memberships.admit(created, coordinator, 'coordinator', undefined, session);
      return created;
    }).catch((error: unknown) => {
      if (isDuplicateKey(error)) throw new DomainError(ERRORS.CLUSTER_NAME_TAKEN, `A cluster is named ${input.name} already`);
      throw error;
    });
    return this.toView(cluster, coordinator ? 1 : 0);
  }

  async list(query: ClusterQuery): Promise<Page<ClusterView>> {
    const { page, limit, skip } = pageOf(query);
    const filter = query.theme ? { theme: query.theme } : {};
    const [clusters, total] = await Promise.all([
      this.clusters.find(filter).sort({ name: 1, _id: 1 }).skip(skip).limit(limit).lean<ClusterDocument[]>(),
      this.clusters.countDocuments(filter),
    ]);
    const counts = await this.memberships.countMembers(clusters.map((c) => c._id));
    return { items: clusters.map((c) => this.toView(c, counts.get(c._id) ?? 0)), total, page, limit };
  }

  async get(clusterId: string, principal: Principal): Promise<ClusterDetail> {
    const cluster = await this.find(clusterId);
    const members = await this.memberships.membersOf(clusterId);
    const detail: ClusterDetail = { ...this.toView(cluster, members.length), members };
    if (isFederationAdmin(principal) || isCoordinator(principal, cluster.coordinatorCompanyId)) detail.pendingRequests = await this.memberships.pendingOf(clusterId);
    return detail;
  }

  /** A coordinating company that left the federation no longer coordinates: its clusters await a new one. */
  async dropCoordinator(companyId: string): Promise<number> {
    const coordinated = await this.clusters.find({ coordinatorCompanyId: companyId }).lean<ClusterDocument[]>();
    for (const cluster of coordinated) {
      const version = cluster.version + 1;
      const snapshot: ClusterSnapshot = {
        clusterId: cluster._id, name: cluster.name, theme: cluster.theme, description: cluster.description,
        admission: cluster.admission, version,
      };
      const event = createEvent(CLUSTERS_EVENTS.clusterUpdated, { subject: `clusters/${cluster._id}`, version }, snapshot);
      const updated = await this.clusters.updateOne(
        { _id: cluster._id, version: cluster.version },
        withEvents({}, [event], ['coordinatorCompanyId']),
      );
      if (updated.modifiedCount === 0) throw new DomainError(ERRORS.CONCURRENT_CHANGE, `${cluster.name} changed meanwhile`);
    }
    return coordinated.length;
  }

  async find(clusterId: string): Promise<ClusterDocument> {
    const cluster = await this.clusters.findById(clusterId).lean<ClusterDocument>();
    if (!cluster) throw new DomainError(ERRORS.CLUSTER_NOT_FOUND, `No cluster ${clusterId}`);
    return cluster;
  }

  private async activeCompany(companyId: string, principal: Principal) {
    const company = await this.companies.find(companyId, principal);
    if (company.status !== 'active') throw new DomainError(ERRORS.CLUSTER_COMPANY_NOT_ACTIVE, `${company.name} is not an active member`);
    return company;
  }

  private toView(cluster: ClusterDocument, memberCount: number): ClusterView {
    return {
      id: cluster._id,
      name: cluster.name,
      theme: cluster.theme,
      description: cluster.description,
      admission: cluster.admission,
      coordinatorCompanyId: cluster.coordinatorCompanyId,
      memberCount,
      createdAt: cluster.createdAt.toISOString(),
    };
  }
}
