import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** What this service must know of a cluster to address its notifications. */
@Schema({ collection: 'known_clusters' })
export class KnownCluster {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) name!: string;
  @Prop({ type: String }) coordinatorCompanyId?: string;
  @Prop({ required: true }) version!: number;
}

export const KnownClusterSchema = SchemaFactory.createForClass(KnownCluster);
