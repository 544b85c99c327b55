import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { ADMISSION_MODES, AdmissionMode, THEMES, Theme } from '@grappes/contracts';
import { Aggregate, outboxPlugin } from '@grappes/messaging';

@Schema({ collection: 'clusters', timestamps: true })
export class Cluster {
  @Prop({ type: String }) _id!: string;
  /**
   * Unique: the clusters are known by their names, and a repeated creation must
   * not make a twin. Set at creation only: a rename must not count on an update
   * freeing the old name (the Rust SecantusDB keeps it taken).
   */
  @Prop({ required: true, unique: true }) name!: string;
  @Prop({ type: String, required: true, enum: THEMES, index: true }) theme!: Theme;
  @Prop() description?: string;
  @Prop({ type: String, required: true, enum: ADMISSION_MODES }) admission!: AdmissionMode;
  @Prop({ type: String }) coordinatorCompanyId?: string;
  createdAt!: Date;
}

export type ClusterDocument = Cluster & Aggregate;
export const ClusterSchema = SchemaFactory.createForClass(Cluster);
ClusterSchema.plugin(outboxPlugin);
