import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Which company is in which cluster, keyed `<clusterId>:<companyId>`: who hears of a cluster's workshops. */
@Schema({ collection: 'known_memberships' })
export class KnownMembership {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true, index: true }) clusterId!: string;
  @Prop({ required: true, index: true }) companyId!: string;
  @Prop({ required: true }) joined!: boolean;
  @Prop({ required: true }) version!: number;
}

export const KnownMembershipSchema = SchemaFactory.createForClass(KnownMembership);
