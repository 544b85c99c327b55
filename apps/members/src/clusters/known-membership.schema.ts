import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const KNOWN_MEMBERSHIP_STATES = ['pending', 'joined', 'rejected', 'left'] as const;
export type KnownMembershipState = (typeof KNOWN_MEMBERSHIP_STATES)[number];

/** Which company is in (or has asked to join) which cluster; keyed `<clusterId>:<companyId>`. */
@Schema({ collection: 'known_memberships' })
export class KnownMembership {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) clusterId!: string;
  @Prop({ required: true, index: true }) companyId!: string;
  @Prop({ type: String, enum: KNOWN_MEMBERSHIP_STATES, required: true }) state!: KnownMembershipState;
  @Prop({ required: true }) version!: number;
}

export const KnownMembershipSchema = SchemaFactory.createForClass(KnownMembership);
