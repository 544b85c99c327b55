import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { PROJECT_KINDS, PROJECT_STATUSES, ProjectKind, ProjectStatus } from '@grappes/contracts';
import { Aggregate, outboxPlugin } from '@grappes/messaging';

@Schema({ _id: false })
export class ProjectPartner {
  @Prop({ required: true }) companyId!: string;
  @Prop({ required: true }) companyName!: string;
  /** Set when the company left the cluster: it stays listed, as a former partner. */
  @Prop() leftAt?: Date;
}

@Schema({ _id: false })
export class Milestone {
  @Prop({ required: true }) id!: string;
  @Prop({ required: true }) title!: string;
  @Prop({ required: true }) dueAt!: Date;
  @Prop({ required: true, default: false }) done!: boolean;
}

/** A joint project of a cluster's member companies; its events travel in its own outbox. */
@Schema({ collection: 'projects', timestamps: true })
export class Project {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) clusterId!: string;
  /** Kept for the events, which name the cluster without calling back. */
  @Prop({ required: true }) clusterName!: string;
  @Prop({ required: true }) title!: string;
  @Prop({ type: String, enum: PROJECT_KINDS, required: true }) kind!: ProjectKind;
  @Prop() description?: string;
  @Prop({ type: String, enum: PROJECT_STATUSES, required: true }) status!: ProjectStatus;
  @Prop({ type: [ProjectPartner], default: [] }) partners!: ProjectPartner[];
  @Prop({ type: [Milestone], default: [] }) milestones!: Milestone[];
  @Prop() ideaId?: string;
  createdAt!: Date;
  updatedAt!: Date;
}

export type ProjectDocument = Project & Aggregate;
export const ProjectSchema = SchemaFactory.createForClass(Project);
ProjectSchema.index({ clusterId: 1, createdAt: -1 });
ProjectSchema.index({ 'partners.companyId': 1 });
ProjectSchema.plugin(outboxPlugin);
