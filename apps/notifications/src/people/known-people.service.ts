import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ClusterSnapshot, MembershipFact, PersonRemoved, PersonSnapshot } from '@grappes/contracts';
import { applyIfNewer, isDuplicateKey } from '@grappes/messaging';
import { Model } from 'mongoose';
import { Address, recipientFilter } from '../notices/address';
import { DepartedCompany } from './departed-company.schema';
import { KnownCluster } from '../clusters/known-cluster.schema';
import { KnownMembership } from '../clusters/known-membership.schema';
import { Recipient, emailKeyOf } from './known-person.schema';

@Injectable()
export class RecipientsService {
  constructor(
    @InjectModel(Recipient.name) private readonly recipients: Model<Recipient>,
    @InjectModel(KnownCluster.name) private readonly clusters: Model<KnownCluster>,
    @InjectModel(KnownMembership.name) private readonly memberships: Model<KnownMembership>,
    @InjectModel(DepartedCompany.name) private readonly departed: Model<DepartedCompany>,
  ) {}

  /**
   * Records a person as their latest event describes them (`addedAt` from
   * `person-added`), unless their company left the federation: its
   * `company-deactivated` may have been handled first (a retried event comes
   * back late). Written first, then checked, as `companyLeft` does the other
   * way round, so that one of the two always sees the other.
   */
  async recordPerson(person: PersonSnapshot, addedAt?: Date): Promise<void> {
    const { personId, email, firstName, lastName, role, companyId, locale, version } = person;
    await applyIfNewer(this.recipients, personId, version, {
      email: emailKeyOf(email), name: `${firstName} ${lastName}`, role, companyId, removed: false, locale: locale ?? null,
    });
    // Whichever of the person's events came first: when they were added decides which notices are theirs.
    if (addedAt) await this.recipients.updateOne({ _id: personId }, { $min: { addedAt } });
    if (companyId && (await this.departed.exists({ _id: companyId }))) {
      await this.recipients.updateOne({ _id: personId }, { $set: { removed: true } });
    }
  }

  /** The person, if they can be notified. */
  activePerson(personId: string): Promise<Recipient | null> {
    return this.recipients.findOne({ _id: personId, removed: false }).lean<Recipient>();
  }

  /** The account holders among these e-mails (`emailKeyOf`), if they can be notified. */
  activeByEmail(emails: string[]): Promise<Recipient[]> {
    return emails.length ? this.recipients.find({ email: { $in: emails }, removed: false }).lean<Recipient[]>() : Promise.resolve([]);
  }

  removePerson(person: PersonRemoved): Promise<void> {
    return applyIfNewer(this.recipients, person.personId, person.version, { email: emailKeyOf(person.email), removed: true });
  }

  recordCluster(cluster: ClusterSnapshot): Promise<void> {
    const { clusterId, name, coordinatorCompanyId, version } = cluster;
    // null, not undefined: a coordinator that is gone must be erased, not kept.
    return applyIfNewer(this.clusters, clusterId, version, { name, coordinatorCompanyId: coordinatorCompanyId ?? null });
  }

  recordMembership({ clusterId, companyId, version }: MembershipFact, joined: boolean): Promise<void> {
    return applyIfNewer(this.memberships, `${clusterId}:${companyId}`, version, { clusterId, companyId, joined });
  }

  /** The companies in a cluster. */
  async companiesOf(clusterId: string): Promise<string[]> {
    const members = await this.memberships.find({ clusterId, joined: true }, { companyId: 1 }).lean<KnownMembership[]>();
    return members.map((m) => m.companyId);
  }

  /** The people an address reaches now. */
  addressedBy(address: Address): Promise<Recipient[]> {
    const filter = recipientFilter(address);
    return filter ? this.recipients.find(filter).lean<Recipient[]>() : Promise.resolve([]);
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
