import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { MEMBERSHIP_STATES, MembershipState } from '@grappes/contracts';

/** Which company is in (or has asked to join) which cluster; keyed `<clusterId>:<companyId>`. */
@Schema({ collection: 'known_memberships' })
export class KnownMembership {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) clusterId!: string;
  @Prop({ required: true, index: true }) companyId!: string;
  @Prop({ type: String, enum: MEMBERSHIP_STATES, required: true }) state!: MembershipState;
  @Prop({ required: true }) version!: number;
}

export const KnownMembershipSchema = SchemaFactory.createForClass(KnownMembership);
