import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { IDEA_STATUSES, IdeaStatus, PROJECT_KINDS, ProjectKind, THEMES, Theme } from '@grappes/contracts';
import { Aggregate, outboxPlugin } from '@grappes/messaging';

/** A company's interest in an idea; one per company, kept in the idea so that one conditional write decides it. */
@Schema({ _id: false })
export class IdeaInterest {
  @Prop({ required: true }) companyId!: string;
  @Prop({ required: true }) companyName!: string;
  @Prop({ required: true }) expressedAt!: Date;
}

@Schema({ _id: false })
export class IdeaComment {
  @Prop({ required: true }) id!: string;
  @Prop({ required: true }) authorId!: string;
  @Prop({ required: true }) authorEmail!: string;
  @Prop() companyId?: string;
  @Prop({ required: true }) text!: string;
  @Prop({ required: true }) postedAt!: Date;
}

/** An idea raised in a cluster's innovation space, until it is closed or launched as a project. */
@Schema({ collection: 'ideas', timestamps: { createdAt: true, updatedAt: false } })
export class Idea {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) clusterId!: string;
  @Prop({ required: true }) clusterName!: string;
  @Prop({ required: true }) title!: string;
  @Prop({ type: String, enum: PROJECT_KINDS, required: true }) kind!: ProjectKind;
  @Prop({ required: true }) description!: string;
  @Prop({ type: [String], enum: THEMES, default: [] }) neededCapabilities!: Theme[];
  @Prop({ type: String, enum: IDEA_STATUSES, required: true }) status!: IdeaStatus;
  @Prop({ required: true }) authorId!: string;
  @Prop({ required: true }) authorEmail!: string;
  @Prop() authorCompanyId?: string;
  @Prop({ type: [IdeaInterest], default: [] }) interests!: IdeaInterest[];
  @Prop({ type: [IdeaComment], default: [] }) comments!: IdeaComment[];
  @Prop() projectId?: string;
  /** Posting, commenting, interest and closing move an idea up the list. */
  @Prop({ required: true }) lastActivityAt!: Date;
  createdAt!: Date;
}

export type IdeaDocument = Idea & Aggregate;
export const IdeaSchema = SchemaFactory.createForClass(Idea);
IdeaSchema.index({ clusterId: 1, lastActivityAt: -1 });
IdeaSchema.index({ 'interests.companyId': 1 });
IdeaSchema.plugin(outboxPlugin);
