import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKey, withEvents } from '@grappes/messaging';
import { ClientSession, Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { CompanyRef, Move, concurrentChange } from './membership';
import { Membership, MembershipDocument } from './membership.schema';

/** The memberships collection, with the events of each change written in the same document. */
@Injectable()
export class MembershipsRepository {
  constructor(@InjectModel(Membership.name) private readonly memberships: Model<MembershipDocument>) {}

  /**
   * Applies a move to a company's membership of a cluster, with its event, in
   * one version-checked write, if the move's precondition accepts the current
   * state. Another change in between makes it a concurrent change.
   */
  async transition(clusterId: string, company: CompanyRef, move: Move, session?: ClientSession): Promise<void> {
    const key = { clusterId, companyId: company._id };
    const current = await this.memberships.findOne(key, { state: 1, version: 1 }, { session }).lean<MembershipDocument>();
    move.precondition(company, current?.state);
    const version = (current?.version ?? 0) + 1;
    const set = { ...move.change, companyName: company.name };
    try {
      if (!current) {
        await this.memberships.create([{ _id: randomUUID(), ...key, ...set, version, pendingEvents: [move.eventAt(version)] }], { session });
        return;
      }
      const updated = await this.memberships.updateOne({ ...key, version: current.version }, withEvents(set, [move.eventAt(version)]), { session });
      if (updated.modifiedCount === 0) throw concurrentChange(company.name);
    } catch (error) {
      if (isDuplicateKey(error)) throw concurrentChange(company.name);
      throw error;
    }
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
