import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ClusterSnapshot, MembershipFact, PersonRemoved, PersonSnapshot } from '@grappes/contracts';
import { applyIfNewer } from '@grappes/messaging';
import { Model } from 'mongoose';
import { KnownCluster, KnownMembership, Recipient } from './recipient.schema';

@Injectable()
export class RecipientsService {
  constructor(
    @InjectModel(Recipient.name) private readonly recipients: Model<Recipient>,
    @InjectModel(KnownCluster.name) private readonly clusters: Model<KnownCluster>,
    @InjectModel(KnownMembership.name) private readonly memberships: Model<KnownMembership>,
  ) {}

  recordPerson(person: PersonSnapshot): Promise<void> {
    const { personId, email, firstName, lastName, role, companyId, version } = person;
    return applyIfNewer(this.recipients, personId, version, { email, name: `${firstName} ${lastName}`, role, companyId, removed: false });
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

  /** The people of a company that left the federation hear nothing more. */
  async companyLeft(companyId: string): Promise<void> {
    await this.recipients.updateMany({ companyId }, { $set: { removed: true } });
  }
}
