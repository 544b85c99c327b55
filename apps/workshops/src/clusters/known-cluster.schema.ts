import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** What this service knows of a cluster, from the clusters service's events: who may schedule its workshops. */
@Schema({ collection: 'known_clusters' })
export class KnownCluster {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) name!: string;
  @Prop({ type: String }) coordinatorCompanyId?: string;
  @Prop({ required: true }) version!: number;
}

export const KnownClusterSchema = SchemaFactory.createForClass(KnownCluster);
