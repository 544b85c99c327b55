import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { CLUSTERS_RPC, DomainError, ERRORS, MembershipFact, Principal } from '@grappes/contracts';
import { RpcClient, applyIfNewer, isDuplicateKey } from '@grappes/messaging';
import { ClientSession, Model } from 'mongoose';
import { ClusterMembership, membershipKey } from './cluster-membership.schema';

const notMemberError = () => new DomainError(ERRORS.WORKSHOP_COMPANY_NOT_IN_CLUSTER, "Only the cluster's member companies may register");

@Injectable()
export class ClusterMembers {
  constructor(
    @InjectModel(ClusterMembership.name) private readonly memberships: Model<ClusterMembership>,
    private readonly rpc: RpcClient,
  ) {}

  /**
   * Applies a membership event; true when, after it, the company is (still or again) a member. A departure
   * written here conflicts with every registration of the company for the cluster still in flight (`hold`).
   */
  async record({ clusterId, companyId, version }: MembershipFact, joined: boolean): Promise<boolean> {
    const _id = membershipKey(clusterId, companyId);
    await applyIfNewer(this.memberships, _id, version, { clusterId, companyId, joined });
    return !!(await this.memberships.exists({ _id, joined: true }));
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
    const known = await this.memberships.findById(_id, { joined: 1, version: 1 }).lean<ClusterMembership>();
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
  async hold(clusterId: string, companyId: string, session: ClientSession): Promise<void> {
    const membership = await this.memberships
      .findOneAndUpdate({ _id: membershipKey(clusterId, companyId) }, { $inc: { registrationsTaken: 1 } }, { session, returnDocument: 'after' })
      .lean<ClusterMembership>();
    if (!membership?.joined) throw notMemberError();
  }

  /** The clusters a company belongs to, as far as the events told. */
  async clustersOf(companyId: string): Promise<string[]> {
    return this.memberships.distinct('clusterId', { companyId, joined: true });
  }
}
