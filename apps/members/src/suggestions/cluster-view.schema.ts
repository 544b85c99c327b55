import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { THEMES, Theme } from '@grappes/contracts';

/** The clusters, as the clusters service's events describe them: what suggestions need. */
@Schema({ collection: 'known_clusters' })
export class KnownCluster {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) name!: string;
  @Prop({ type: String, enum: THEMES, required: true }) theme!: Theme;
  @Prop({ required: true }) version!: number;
}

export const KnownClusterSchema = SchemaFactory.createForClass(KnownCluster);

/** Which company is in (or has asked to join) which cluster; keyed `<clusterId>:<companyId>`. */
@Schema({ collection: 'known_memberships' })
export class KnownMembership {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) clusterId!: string;
  @Prop({ required: true, index: true }) companyId!: string;
  @Prop({ type: String, enum: ['pending', 'joined', 'rejected', 'left'], required: true }) state!: string;
  @Prop({ required: true }) version!: number;
}

export const KnownMembershipSchema = SchemaFactory.createForClass(KnownMembership);
