import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Whether a company is a member of a cluster, from the clusters service's membership events. */
@Schema({ collection: 'cluster_memberships' })
export class KnownMembership {
  /** `<clusterId>:<companyId>`. */
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true, index: true }) clusterId!: string;
  @Prop({ required: true, index: true }) companyId!: string;
  @Prop({ required: true }) joined!: boolean;
  /** The membership's version at the clusters service: a late or repeated event changes nothing. */
  @Prop({ required: true }) version!: number;
  /** Raised by every registration for the cluster's workshops: the write that makes it conflict with a departure. */
  @Prop({ default: 0 }) registrationsTaken!: number;
}

export const KnownMembershipSchema = SchemaFactory.createForClass(KnownMembership);

export const membershipKey = (clusterId: string, companyId: string) => `${clusterId}:${companyId}`;
