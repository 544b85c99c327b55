import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { THEMES, Theme } from '@grappes/contracts';

/** A cluster, as the clusters service's events describe it: what suggestions need. */
@Schema({ collection: 'known_clusters' })
export class KnownCluster {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) name!: string;
  @Prop({ type: String, enum: THEMES, required: true }) theme!: Theme;
  @Prop({ required: true }) version!: number;
}

export const KnownClusterSchema = SchemaFactory.createForClass(KnownCluster);
