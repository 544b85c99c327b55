import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { THEMES, Theme } from '@grappes/contracts';
import { Aggregate, outboxPlugin } from '@grappes/messaging';

export const WORKSHOP_STATUSES = ['scheduled', 'cancelled'] as const;
export type WorkshopStatus = (typeof WORKSHOP_STATUSES)[number];

@Schema({ collection: 'workshops', timestamps: true })
export class Workshop {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) title!: string;
  @Prop({ type: String, enum: THEMES, required: true, index: true }) theme!: Theme;
  @Prop({ type: String, index: true }) clusterId?: string;
  @Prop({ required: true, index: true }) startsAt!: Date;
  @Prop({ required: true }) endsAt!: Date;
  @Prop({ required: true }) location!: string;
  @Prop({ required: true }) capacity!: number;
  @Prop() description?: string;
  @Prop({ type: String, enum: WORKSHOP_STATUSES, default: 'scheduled' }) status!: WorkshopStatus;
  /** Seats taken and waitlist length, kept beside the capacity so one conditional write guards it. */
  @Prop({ default: 0 }) confirmed!: number;
  @Prop({ default: 0 }) waitlisted!: number;
}

export type WorkshopDocument = Workshop & Aggregate;
export const WorkshopSchema = SchemaFactory.createForClass(Workshop);
WorkshopSchema.plugin(outboxPlugin);
