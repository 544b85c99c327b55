import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { ROLES, Role } from '@grappes/contracts';

/** A person who can be notified, as the members service's events describe them. */
@Schema({ collection: 'recipients' })
export class Recipient {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) email!: string;
  @Prop({ required: true }) name!: string;
  @Prop({ type: String, enum: ROLES, required: true, index: true }) role!: Role;
  @Prop({ type: String, index: true }) companyId?: string;
  @Prop({ default: false }) removed!: boolean;
  /** When the members service added the person: who is welcomed to a cluster their company joins. */
  @Prop() addedAt?: Date;
  @Prop({ required: true }) version!: number;
}

export const RecipientSchema = SchemaFactory.createForClass(Recipient);

/** What this service must know of a cluster to address its notifications. */
@Schema({ collection: 'known_clusters' })
export class KnownCluster {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) name!: string;
  @Prop({ type: String }) coordinatorCompanyId?: string;
  @Prop({ required: true }) version!: number;
}

export const KnownClusterSchema = SchemaFactory.createForClass(KnownCluster);

/** Which company is in which cluster, keyed `<clusterId>:<companyId>`: who hears of a cluster's workshops. */
@Schema({ collection: 'known_memberships' })
export class KnownMembership {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true, index: true }) clusterId!: string;
  @Prop({ required: true, index: true }) companyId!: string;
  @Prop({ required: true }) joined!: boolean;
  @Prop() joinedAt?: Date;
  /**
   * The company's last `company-joined-cluster` event, kept so that a person
   * whose `person-added` arrives after it (another stream) is still welcomed.
   */
  @Prop({ type: Object }) joinEvent?: Record<string, unknown>;
  @Prop({ required: true }) version!: number;
}

export const KnownMembershipSchema = SchemaFactory.createForClass(KnownMembership);

/** A company that left the federation: a person of it whose event arrives late is not made a recipient again. */
@Schema({ collection: 'departed_companies' })
export class DepartedCompany {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) at!: Date;
}

export const DepartedCompanySchema = SchemaFactory.createForClass(DepartedCompany);
