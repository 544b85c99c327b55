import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ClusterSnapshot, CompanyJoinedCluster, EventEnvelope, MembershipFact, PersonRemoved, PersonSnapshot } from '@grappes/contracts';
import { applyIfNewer, isDuplicateKey } from '@grappes/messaging';
import { Model } from 'mongoose';
import { DepartedCompany, KnownCluster, KnownMembership, Recipient } from './recipient.schema';

@Injectable()
export class RecipientsService {
  constructor(
    @InjectModel(Recipient.name) private readonly recipients: Model<Recipient>,
    @InjectModel(KnownCluster.name) private readonly clusters: Model<KnownCluster>,
    @InjectModel(KnownMembership.name) private readonly memberships: Model<KnownMembership>,
    @InjectModel(DepartedCompany.name) private readonly departed: Model<DepartedCompany>,
  ) {}

  /**
   * Records a person, unless their company left the federation: its
   * `company-deactivated` may have been handled first (a retried event comes
   * back late). Written first, then checked, as `companyLeft` does the other
   * way round, so that one of the two always sees the other.
   */
  async recordPerson(person: PersonSnapshot, addedAt: Date): Promise<void> {
    const { personId, email, firstName, lastName, role, companyId, version } = person;
    await applyIfNewer(this.recipients, personId, version, { email, name: `${firstName} ${lastName}`, role, companyId, removed: false, addedAt });
    if (companyId && (await this.departed.exists({ _id: companyId }))) {
      await this.recipients.updateOne({ _id: personId }, { $set: { removed: true } });
    }
  }

  /** The person, if they can be notified. */
  activePerson(personId: string): Promise<Recipient | null> {
    return this.recipients.findOne({ _id: personId, removed: false }).lean<Recipient>();
  }

  removePerson(person: PersonRemoved): Promise<void> {
    return applyIfNewer(this.recipients, person.personId, person.version, { email: person.email, removed: true });
  }

  recordCluster(cluster: ClusterSnapshot): Promise<void> {
    const { clusterId, name, coordinatorCompanyId, version } = cluster;
    // null, not undefined: a coordinator that is gone must be erased, not kept.
    return applyIfNewer(this.clusters, clusterId, version, { name, coordinatorCompanyId: coordinatorCompanyId ?? null });
  }

  recordMembership({ clusterId, companyId, version }: MembershipFact, joined: boolean): Promise<void> {
    return applyIfNewer(this.memberships, `${clusterId}:${companyId}`, version, { clusterId, companyId, joined });
  }

  recordJoin(event: EventEnvelope<CompanyJoinedCluster>): Promise<void> {
    const { clusterId, companyId, version, joinedAt } = event.data;
    const joinEvent = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
    return applyIfNewer(this.memberships, `${clusterId}:${companyId}`, version, {
      clusterId, companyId, joined: true, joinedAt: new Date(joinedAt), joinEvent,
    });
  }

  /** Who a company's joining welcomes: its people added by then, whenever their event arrived. */
  peopleAddedBy(companyId: string, at: Date): Promise<Recipient[]> {
    const addedBy = { $or: [{ addedAt: { $lte: at } }, { addedAt: { $exists: false } }] };
    return this.recipients.find({ companyId, removed: false, ...addedBy }).lean<Recipient[]>();
  }

  /** The joins of a company that a person added at `addedAt` was there for. */
  async joinsSince(companyId: string, addedAt: Date): Promise<EventEnvelope<CompanyJoinedCluster>[]> {
    const joins = await this.memberships
      .find({ companyId, joinedAt: { $gte: addedAt }, joinEvent: { $exists: true } }, { joinEvent: 1 })
      .lean<KnownMembership[]>();
    return joins.map((m) => m.joinEvent as unknown as EventEnvelope<CompanyJoinedCluster>);
  }

  /** The people of the companies in a cluster. */
  async peopleOfCluster(clusterId: string): Promise<Recipient[]> {
    const members = await this.memberships.find({ clusterId, joined: true }, { companyId: 1 }).lean<KnownMembership[]>();
    return members.length ? this.peopleOf(members.map((m) => m.companyId)) : [];
  }

  /** The people of every member company: who hears of a workshop open to all. */
  everyCompanyPerson(): Promise<Recipient[]> {
    return this.recipients.find({ companyId: { $exists: true }, removed: false }).lean<Recipient[]>();
  }

  federationStaff(): Promise<Recipient[]> {
    return this.recipients.find({ role: 'federation-admin', removed: false }).lean<Recipient[]>();
  }

  peopleOf(companyIds: string[]): Promise<Recipient[]> {
    return this.recipients.find({ companyId: { $in: companyIds }, removed: false }).lean<Recipient[]>();
  }

  /**
   * The coordinating company of a cluster, if it has one. A cluster not known
   * yet (its creation is still on its way) fails the handling, to be retried.
   */
  async coordinatorOf(clusterId: string): Promise<string | undefined> {
    const cluster = await this.clusters.findById(clusterId).lean<KnownCluster>();
    if (!cluster) throw new Error(`Cluster ${clusterId} is not known here yet`);
    return cluster.coordinatorCompanyId ?? undefined;
  }

  /** The people of a company that left the federation hear nothing more, including those whose event is still on its way. */
  async companyLeft(companyId: string): Promise<void> {
    await this.departed.updateOne({ _id: companyId }, { $setOnInsert: { at: new Date() } }, { upsert: true }).catch((error: unknown) => {
      if (!isDuplicateKey(error)) throw error;
    });
    await this.recipients.updateMany({ companyId }, { $set: { removed: true } });
  }
}
