import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKey, withEvents } from '@grappes/messaging';
import { ClientSession, Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { CompanyRef, Move, concurrentChange, newestName } from './membership';
import { Membership, MembershipDocument } from './membership.schema';

/** The memberships collection, with the events of each change written in the same document. */
@Injectable()
export class MembershipsRepository {
  constructor(@InjectModel(Membership.name) private readonly memberships: Model<MembershipDocument>) {}

  /**
   * Applies a move to a company's membership of a cluster, with its event, in
   * one version-checked write, if the move's precondition accepts the current
   * state. Another change in between makes it a concurrent change. The
   * membership and its event carry the newest name known of the company; the
   * write is conditional on the name read too, so a rename handled meanwhile
   * is never undone.
   */
  async transition(clusterId: string, company: CompanyRef, move: Move, session?: ClientSession): Promise<void> {
    const key = { clusterId, companyId: company._id };
    const current = await this.memberships
      .findOne(key, { state: 1, version: 1, companyName: 1, companyVersion: 1 }, { session }).lean<MembershipDocument>();
    move.precondition(company, current?.state);
    const version = (current?.version ?? 0) + 1;
    const naming = newestName(company, current ?? undefined);
    const set = { ...move.change, ...naming };
    const event = move.eventAt(version, naming.companyName);
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

  /** Every membership of the company takes the new name, unless it holds a newer one already (events may arrive late or out of order). */
  async renameCompany(companyId: string, companyName: string, companyVersion: number): Promise<void> {
    await this.memberships.updateMany(
      { companyId, $or: [{ companyVersion: { $lt: companyVersion } }, { companyVersion: { $exists: false } }] },
      { $set: { companyName, companyVersion } },
    );
  }

  stateOf(clusterId: string, companyId: string): Promise<Pick<MembershipDocument, 'state' | 'companyName'> | null> {
    return this.memberships.findOne({ clusterId, companyId }, { state: 1, companyName: 1 }).lean<MembershipDocument>();
  }

  /** The clusters a company is in or has asked to join. */
  openOf(companyId: string): Promise<MembershipDocument[]> {
    return this.memberships.find({ companyId, state: { $in: ['joined', 'pending'] } }).lean<MembershipDocument[]>();
  }

  /** Members in the order they joined. */
  joinedMembersOf(clusterId: string): Promise<MembershipDocument[]> {
    return this.memberships.find({ clusterId, state: 'joined' }).sort({ joinedAt: 1 }).lean<MembershipDocument[]>();
  }

  /** Requests waiting, oldest first. */
  pendingRequestsOf(clusterId: string): Promise<MembershipDocument[]> {
    return this.memberships.find({ clusterId, state: 'pending' }).sort({ requestedAt: 1 }).lean<MembershipDocument[]>();
  }

  async countJoined(clusterIds: string[]): Promise<Map<string, number>> {
    const rows = await this.memberships.aggregate<{ _id: string; count: number }>([
      { $match: { clusterId: { $in: clusterIds }, state: 'joined' } },
      { $group: { _id: '$clusterId', count: { $sum: 1 } } },
    ]);
    return new Map(rows.map((r) => [r._id, r.count]));
  }
}
