import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  CLUSTERS_EVENTS, ClusterMemberRole, ClusterMemberView, DomainError, ERRORS, EventEnvelope, JoinDecision, JoinOutcome,
} from '@grappes/contracts';
import { createEvent, isDuplicateKey, withEvents } from '@grappes/messaging';
import { ClientSession, Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import type { ClusterDocument } from '../clusters/cluster.schema';
import type { KnownCompany } from '../companies/known-company.schema';
import { Membership, MembershipDocument, MembershipState } from './membership.schema';

/** A company as a use case knows it; `version` is the members service's, when the name comes from its events. */
type CompanyRef = Pick<KnownCompany, '_id' | 'name'> & { version?: number };

/** A membership's copy of its company's name. */
type CompanyNaming = Pick<Membership, 'companyName' | 'companyVersion'>;

/** The newer of the name the caller knows and the one the membership holds; on a tie, the membership's. */
function newestName(company: CompanyRef, stored?: CompanyNaming): CompanyNaming {
  if (stored && (company.version ?? -1) <= (stored.companyVersion ?? -1)) return { companyName: stored.companyName, companyVersion: stored.companyVersion };
  return { companyName: company.name, companyVersion: company.version };
}

/** Refuses a transition from the membership's current state (none when the company never asked). */
type Precondition = (company: CompanyRef, state?: MembershipState) => void;

/** Joining, or asking to: not for a member, nor twice for a company that asked already. */
const mayJoin =
  (asking: boolean): Precondition =>
  (company, state) => {
    if (state === 'joined') throw new DomainError(ERRORS.CLUSTER_ALREADY_MEMBER, `${company.name} is a member already`);
    if (asking && state === 'pending') throw new DomainError(ERRORS.CLUSTER_ALREADY_MEMBER, `${company.name} has asked to join already`);
  };

const hasPendingRequest: Precondition = (company, state) => {
  if (state !== 'pending') throw new DomainError(ERRORS.CLUSTER_NO_PENDING_REQUEST, `${company.name} has no request waiting`);
};

const isMember: Precondition = (company, state) => {
  if (state !== 'joined') throw new DomainError(ERRORS.CLUSTER_NOT_MEMBER, `${company.name} is not a member`);
};

@Injectable()
export class MembershipsService {
  constructor(@InjectModel(Membership.name) private readonly memberships: Model<MembershipDocument>) {}

  /** Joins at once in an open cluster; asks the coordinator in one by approval. */
  async join(cluster: ClusterDocument, company: CompanyRef): Promise<JoinOutcome> {
    if (cluster.admission === 'approval') {
      await this.request(cluster, company);
      return { status: 'pending' };
    }
    await this.admit(cluster, company, 'member');
    return { status: 'joined' };
  }

  /** The coordinator (or staff) decides a request: approved, the company joins; rejected, it may ask again later. */
  async decide(cluster: ClusterDocument, company: CompanyRef, decision: JoinDecision): Promise<JoinOutcome> {
    if (decision === 'approve') {
      await this.admit(cluster, company, 'member', hasPendingRequest);
      return { status: 'joined' };
    }
    const rejectedAt = new Date();
    await this.transition(cluster, company, { state: 'rejected' }, hasPendingRequest, undefined, (version, companyName) =>
      createEvent(CLUSTERS_EVENTS.joinRejected, { subject: `clusters/${cluster._id}/members/${company._id}`, version }, {
        clusterId: cluster._id, clusterName: cluster.name, theme: cluster.theme,
        companyId: company._id, companyName, rejectedAt: rejectedAt.toISOString(), version,
      }),
    );
    return { status: 'rejected' };
  }

  async admit(cluster: ClusterDocument, company: CompanyRef, role: ClusterMemberRole, precondition = mayJoin(false), session?: ClientSession): Promise<void> {
    const joinedAt = new Date();
    await this.transition(cluster, company, { state: 'joined', role, joinedAt }, precondition, session, (version, companyName) =>
      createEvent(CLUSTERS_EVENTS.companyJoinedCluster, { subject: `clusters/${cluster._id}/members/${company._id}`, version }, {
        clusterId: cluster._id, clusterName: cluster.name, theme: cluster.theme,
        companyId: company._id, companyName, role, joinedAt: joinedAt.toISOString(), version,
      }),
    );
  }

  /**
   * A company that leaves the federation leaves every cluster it is in; its
   * requests are turned down. Each membership is one idempotent step: one
   * already left or decided meanwhile counts as done.
   */
  async removeCompany(companyId: string, clusters: (clusterId: string) => Promise<ClusterDocument>): Promise<number> {
    const current = await this.memberships.find({ companyId, state: { $in: ['joined', 'pending'] } }).lean<MembershipDocument[]>();
    let removed = 0;
    for (const membership of current) {
      if (await this.withdraw(membership, await clusters(membership.clusterId))) removed++;
    }
    return removed;
  }

  /** Takes a company out of one cluster; false when another change got there first. */
  private async withdraw({ clusterId, companyId, companyName, companyVersion }: MembershipDocument, cluster: ClusterDocument): Promise<boolean> {
    const company = { _id: companyId, name: companyName, version: companyVersion };
    for (let attempt = 1; ; attempt++) {
      const membership = await this.memberships.findOne({ clusterId, companyId }, { state: 1 }).lean<MembershipDocument>();
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

  /**
   * A company renamed: every membership of it takes the new name, unless it
   * holds a newer one already (events may arrive late or out of order).
   */
  async renameCompany(companyId: string, companyName: string, companyVersion: number): Promise<void> {
    await this.memberships.updateMany(
      { companyId, $or: [{ companyVersion: { $lt: companyVersion } }, { companyVersion: { $exists: false } }] },
      { $set: { companyName, companyVersion } },
    );
  }

  /** The company's name as this cluster knows it, from its membership. */
  async memberName(clusterId: string, companyId: string): Promise<string | undefined> {
    return (await this.memberships.findOne({ clusterId, companyId }, { companyName: 1 }).lean<MembershipDocument>())?.companyName;
  }

  async leave(cluster: ClusterDocument, company: CompanyRef): Promise<void> {
    const leftAt = new Date();
    await this.transition(cluster, company, { state: 'left' }, isMember, undefined, (version, companyName) =>
      createEvent(CLUSTERS_EVENTS.companyLeftCluster, { subject: `clusters/${cluster._id}/members/${company._id}`, version }, {
        clusterId: cluster._id, clusterName: cluster.name, theme: cluster.theme,
        companyId: company._id, companyName, leftAt: leftAt.toISOString(), version,
      }),
    );
  }

  private async request(cluster: ClusterDocument, company: CompanyRef): Promise<void> {
    const requestedAt = new Date();
    await this.transition(cluster, company, { state: 'pending', role: 'member', requestedAt }, mayJoin(true), undefined, (version, companyName) =>
      createEvent(CLUSTERS_EVENTS.joinRequested, { subject: `clusters/${cluster._id}/members/${company._id}`, version }, {
        clusterId: cluster._id, clusterName: cluster.name, theme: cluster.theme,
        companyId: company._id, companyName, requestedAt: requestedAt.toISOString(), version,
      }),
    );
  }

  /**
   * Moves a company's membership to a new state with its event, in one write,
   * if the precondition accepts the current state. A company that left or was
   * rejected may come back. The membership and its event carry the newest name
   * known of the company; the write is conditional on the name read too, so
   * that a rename handled meanwhile is never undone.
   */
  private async transition(
    cluster: ClusterDocument,
    company: CompanyRef,
    change: Partial<Membership>,
    precondition: Precondition,
    session: ClientSession | undefined,
    eventAt: (version: number, companyName: string) => EventEnvelope,
  ): Promise<void> {
    const key = { clusterId: cluster._id, companyId: company._id };
    const current = await this.memberships
      .findOne(key, { state: 1, version: 1, companyName: 1, companyVersion: 1 }, { session }).lean<MembershipDocument>();
    precondition(company, current?.state);
    const version = (current?.version ?? 0) + 1;
    const naming = newestName(company, current ?? undefined);
    const set = { ...change, ...naming };
    const event = eventAt(version, naming.companyName);
    try {
      if (!current) {
        await this.memberships.create([{ _id: randomUUID(), ...key, ...set, version, pendingEvents: [event] }], { session });
        return;
      }
      const unchanged = { ...key, version: current.version, companyVersion: current.companyVersion ?? null };
      const updated = await this.memberships.updateOne(unchanged, withEvents(set, [event]), { session });
      if (updated.modifiedCount === 0) throw concurrentChange(company.name);
    } catch (error) {
      if (isDuplicateKey(error)) throw concurrentChange(company.name);
      throw error;
    }
  }

  async membersOf(clusterId: string): Promise<ClusterMemberView[]> {
    const members = await this.memberships.find({ clusterId, state: 'joined' }).sort({ joinedAt: 1 }).lean<MembershipDocument[]>();
    return members.map((m) => ({ companyId: m.companyId, companyName: m.companyName, role: m.role, joinedAt: m.joinedAt!.toISOString() }));
  }

  async pendingOf(clusterId: string): Promise<{ companyId: string; companyName: string; requestedAt: string }[]> {
    const pending = await this.memberships.find({ clusterId, state: 'pending' }).sort({ requestedAt: 1 }).lean<MembershipDocument[]>();
    return pending.map((m) => ({ companyId: m.companyId, companyName: m.companyName, requestedAt: m.requestedAt!.toISOString() }));
  }

  async countMembers(clusterIds: string[]): Promise<Map<string, number>> {
    const rows = await this.memberships.aggregate<{ _id: string; count: number }>([
      { $match: { clusterId: { $in: clusterIds }, state: 'joined' } },
      { $group: { _id: '$clusterId', count: { $sum: 1 } } },
    ]);
    return new Map(rows.map((r) => [r._id, r.count]));
  }
}

function concurrentChange(companyName: string): DomainError {
  return new DomainError(ERRORS.CONCURRENT_CHANGE, `The membership of ${companyName} changed meanwhile; try again`);
}

const RACE_LOST = new Set<string>([ERRORS.CONCURRENT_CHANGE.code, ERRORS.CLUSTER_NOT_MEMBER.code, ERRORS.CLUSTER_NO_PENDING_REQUEST.code]);

function isRaceLost(error: unknown): boolean {
  return error instanceof DomainError && RACE_LOST.has(error.code);
}
