import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { ClusterMemberRole, MEMBERSHIP_STATES, MEMBER_ROLES, MembershipState } from '@grappes/contracts';
import { Aggregate, outboxPlugin } from '@grappes/messaging';

/** A company's place in a cluster, one per pair; leaving keeps the record, with its history of versions. */
@Schema({ collection: 'memberships' })
export class Membership {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true, index: true }) clusterId!: string;
  @Prop({ required: true, index: true }) companyId!: string;
  /** The company's name, refreshed by `company-updated`; shown to users and carried by every membership event. */
  @Prop({ required: true }) companyName!: string;
  /** The members service's version of the company that name comes from: an older event never overwrites a newer name. */
  @Prop() companyVersion?: number;
  @Prop({ type: String, enum: MEMBER_ROLES, required: true }) role!: ClusterMemberRole;
  @Prop({ type: String, enum: MEMBERSHIP_STATES, required: true }) state!: MembershipState;
  @Prop() requestedAt?: Date;
  @Prop() joinedAt?: Date;
}

export type MembershipDocument = Membership & Aggregate;
export const MembershipSchema = SchemaFactory.createForClass(Membership);
MembershipSchema.index({ clusterId: 1, companyId: 1 }, { unique: true });
MembershipSchema.plugin(outboxPlugin);
