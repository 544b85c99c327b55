import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { CLUSTERS_RPC, ClusterSnapshot, DomainError, ERRORS, MembershipFact, Principal } from '@grappes/contracts';
import { RpcClient, applyIfNewer, isDuplicateKey } from '@grappes/messaging';
import { ClientSession, Model } from 'mongoose';
import { KnownCluster } from './known-cluster.schema';
import { KnownMembership, membershipKey } from './known-membership.schema';

const notMemberError = () => new DomainError(ERRORS.WORKSHOP_COMPANY_NOT_IN_CLUSTER, "Only the cluster's member companies may register");

/** This service's view of clusters, their coordinators and their companies, kept from the clusters events. */
@Injectable()
export class KnownClustersService {
  constructor(
    @InjectModel(KnownCluster.name) private readonly clusters: Model<KnownCluster>,
    @InjectModel(KnownMembership.name) private readonly memberships: Model<KnownMembership>,
    private readonly rpc: RpcClient,
  ) {}

  recordCluster({ clusterId, name, coordinatorCompanyId, version }: ClusterSnapshot): Promise<void> {
    // null, not undefined: a coordinator that is gone must be erased, not kept.
    return applyIfNewer(this.clusters, clusterId, version, { name, coordinatorCompanyId: coordinatorCompanyId ?? null });
  }

  /**
   * Applies a membership event; true when, after it, the company is (still or again) a member. A departure
   * written here conflicts with every registration of the company for the cluster still in flight (`holdMembership`).
   */
  async recordMembership({ clusterId, companyId, version }: MembershipFact, joined: boolean): Promise<boolean> {
    const _id = membershipKey(clusterId, companyId);
    await applyIfNewer(this.memberships, _id, version, { clusterId, companyId, joined });
    return !!(await this.memberships.exists({ _id, joined: true }));
  }

  /** The cluster as this service knows it. One opened a moment ago may not have reached us by event yet: then the clusters service is asked. */
  async find(clusterId: string, principal: Principal): Promise<Pick<KnownCluster, 'name' | 'coordinatorCompanyId'>> {
    const known = await this.clusters.findById(clusterId).lean<KnownCluster>();
    return known ?? (await this.rpc.send(CLUSTERS_RPC.getCluster, { clusterId }, { principal }));
  }

  /**
   * Refuses a company that is not a member of the cluster. A company that
   * joined a moment ago may not have reached us by event yet: then the
   * clusters service is asked, and its answer is written into the local view
   * unless an event changed the membership meanwhile, so that the
   * registration's transaction has a membership to hold.
   */
  async assertMember(clusterId: string, companyId: string, principal: Principal): Promise<void> {
    const _id = membershipKey(clusterId, companyId);
    const known = await this.memberships.findById(_id, { joined: 1, version: 1 }).lean<KnownMembership>();
    if (known?.joined) return;
    const cluster = await this.rpc.send(CLUSTERS_RPC.getCluster, { clusterId }, { principal });
    if (!cluster.members.some((member) => member.companyId === companyId)) throw notMemberError();
    if (known) {
      await this.memberships.updateOne({ _id, version: known.version, joined: false }, { $set: { joined: true } });
      return;
    }
    try {
      await this.memberships.updateOne({ _id }, { $setOnInsert: { clusterId, companyId, joined: true, version: 0 } }, { upsert: true });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /**
   * Inside a registration's transaction: writes the membership, and refuses a
   * company that is no longer a member. A departure recorded meanwhile
   * conflicts with this write, so the registration either starts again and
   * is refused, or commits before the departure's cancellation pass.
   */
  async holdMembership(clusterId: string, companyId: string, session: ClientSession): Promise<void> {
    const membership = await this.memberships
      .findOneAndUpdate({ _id: membershipKey(clusterId, companyId) }, { $inc: { registrationsTaken: 1 } }, { session, returnDocument: 'after' })
      .lean<KnownMembership>();
    if (!membership?.joined) throw notMemberError();
  }

  /** The clusters a company belongs to, as far as the events told. */
  async clustersOf(companyId: string): Promise<string[]> {
    return this.memberships.distinct('clusterId', { companyId, joined: true });
  }
}
