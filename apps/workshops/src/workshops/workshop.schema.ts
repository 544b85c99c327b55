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
  /** Tickets handed to waitlisted registrations, in order: a waitlisted attendee's position is its rank among them. */
  @Prop({ default: 0 }) waitTickets!: number;
  /** The iCalendar SEQUENCE: raised on every change a calendar app must pick up. */
  @Prop({ default: 0 }) sequence!: number;
  /** How many confirmed attendees came, once attendance is recorded. */
  @Prop({ default: 0 }) attended!: number;
  @Prop() attendanceRecordedAt?: Date;
  createdAt!: Date;
  updatedAt!: Date;
}

export type WorkshopDocument = Workshop & Aggregate;
export const WorkshopSchema = SchemaFactory.createForClass(Workshop);
WorkshopSchema.plugin(outboxPlugin);
