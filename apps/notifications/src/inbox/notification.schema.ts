import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Aggregate, outboxPlugin } from '@grappes/messaging';
import { randomUUID } from 'node:crypto';

export const CHANNELS = ['inbox', 'email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

@Schema({ collection: 'notifications' })
export class Notification {
  @Prop({ type: String, default: () => randomUUID() }) _id!: string;
  /** The event that caused it: with recipient and channel, what makes a redelivered event harmless. */
  @Prop({ required: true }) eventId!: string;
  @Prop({ required: true }) recipientId!: string;
  @Prop({ type: String, enum: CHANNELS, required: true }) channel!: Channel;
  /** Which of an event's messages this is, when one event says different things to different people. */
  @Prop({ required: true, default: 'notice' }) kind!: string;
  @Prop({ required: true }) type!: string;
  @Prop({ required: true }) title!: string;
  @Prop({ required: true }) body!: string;
  @Prop({ type: Object, default: {} }) data!: Record<string, unknown>;
  @Prop({ required: true }) createdAt!: Date;
  @Prop() readAt?: Date;
}

export type NotificationDocument = Notification & Aggregate;
export const NotificationSchema = SchemaFactory.createForClass(Notification);
/** Its `notification-created` is written with it: the live streams hear of every entry, whichever instance put it. */
NotificationSchema.plugin(outboxPlugin);
NotificationSchema.index({ eventId: 1, recipientId: 1, channel: 1, kind: 1 }, { unique: true });
// An inbox page, newest first, read in index order; and its unread entries, counted and listed
// (`unread=true`) from the index. A single-field index on recipientId let the planner sort a
// whole inbox in memory for every page.
NotificationSchema.index({ recipientId: 1, channel: 1, createdAt: -1, _id: -1 });
NotificationSchema.index({ recipientId: 1, channel: 1, readAt: 1, createdAt: -1, _id: -1 });
