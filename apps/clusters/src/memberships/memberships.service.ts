import { Injectable } from '@nestjs/common';
import { ClusterMemberRole, ClusterMemberView, JoinDecision, JoinOutcome } from '@grappes/contracts';
import { ClientSession } from 'mongoose';
import type { Cluster } from '../clusters/cluster.schema';
import { ClusterRef, CompanyRef, Precondition, admit, hasPendingRequest, isRaceLost, leave, mayJoin, reject, requestToJoin } from './membership';
import { MembershipDocument } from './membership.schema';
import { MembershipsRepository } from './memberships.repository';

/** The use cases of memberships: the rules and events are in membership.ts, the writes in the repository. */
@Injectable()
export class MembershipsService {
  constructor(private readonly memberships: MembershipsRepository) {}

  /** Joins at once in an open cluster; asks the coordinator in one by approval. */
  async join(cluster: ClusterRef & Pick<Cluster, 'admission'>, company: CompanyRef): Promise<JoinOutcome> {
    if (cluster.admission === 'approval') {
      await this.memberships.transition(cluster._id, company, requestToJoin(cluster, company));
      return { status: 'pending' };
    }
    await this.admit(cluster, company, 'member');
    return { status: 'joined' };
  }

  /** The coordinator (or staff) decides a request: approved, the company joins; rejected, it may ask again later. */
  async decide(cluster: ClusterRef, company: CompanyRef, decision: JoinDecision): Promise<JoinOutcome> {
    if (decision === 'approve') {
      await this.memberships.transition(cluster._id, company, admit(cluster, company, 'member', hasPendingRequest));
      return { status: 'joined' };
    }
    await this.memberships.transition(cluster._id, company, reject(cluster, company));
    return { status: 'rejected' };
  }

  admit(cluster: ClusterRef, company: CompanyRef, role: ClusterMemberRole, precondition: Precondition = mayJoin(false), session?: ClientSession): Promise<void> {
    return this.memberships.transition(cluster._id, company, admit(cluster, company, role, precondition), session);
  }

  leave(cluster: ClusterRef, company: CompanyRef): Promise<void> {
    return this.memberships.transition(cluster._id, company, leave(cluster, company));
  }

  /**
   * A company that leaves the federation leaves every cluster it is in; its
   * requests are turned down. Each membership is one idempotent step: one
   * already left or decided meanwhile counts as done.
   */
  async removeCompany(companyId: string, clusters: (clusterId: string) => Promise<ClusterRef>): Promise<number> {
    let removed = 0;
    for (const membership of await this.memberships.openOf(companyId)) {
      if (await this.withdraw(membership, await clusters(membership.clusterId))) removed++;
    }
    return removed;
  }

  /** Takes a company out of one cluster; false when another change got there first. */
  private async withdraw({ clusterId, companyId, companyName, companyVersion }: MembershipDocument, cluster: ClusterRef): Promise<boolean> {
    const company = { _id: companyId, name: companyName, version: companyVersion };
    for (let attempt = 1; ; attempt++) {
      const membership = await this.memberships.stateOf(clusterId, companyId);
      try {
        if (membership?.state === 'joined') await this.leave(cluster, company);
        else if (membership?.state === 'pending') await this.decide(cluster, company, 'reject');
        else return false;
        return true;
      } catch (error) {
        // The state read just now changed before the write: read it again.
        if (!isRaceLost(error) || attempt >= 3) throw error;
      }
    }
  }

  /** The company's name as this cluster knows it, from its membership. */
  /** A company renamed: its memberships show the new name and put it into their events. */
  renameCompany(companyId: string, companyName: string, companyVersion: number): Promise<void> {
    return this.memberships.renameCompany(companyId, companyName, companyVersion);
  }

  async memberName(clusterId: string, companyId: string): Promise<string | undefined> {
    return (await this.memberships.stateOf(clusterId, companyId))?.companyName;
  }

  async membersOf(clusterId: string): Promise<ClusterMemberView[]> {
    const members = await this.memberships.joinedMembersOf(clusterId);
    return members.map((m) => ({ companyId: m.companyId, companyName: m.companyName, role: m.role, joinedAt: m.joinedAt!.toISOString() }));
  }

  async pendingOf(clusterId: string): Promise<{ companyId: string; companyName: string; requestedAt: string }[]> {
    const pending = await this.memberships.pendingRequestsOf(clusterId);
    return pending.map((m) => ({ companyId: m.companyId, companyName: m.companyName, requestedAt: m.requestedAt!.toISOString() }));
  }

  countMembers(clusterIds: string[]): Promise<Map<string, number>> {
    return this.memberships.countJoined(clusterIds);
  }
}
