import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { EventEnvelope } from '@grappes/contracts';

/**
 * How long a notice waits for people whose own event comes late: as long as a
 * processed event is remembered (35 days), longer than any event can come back.
 */
const KEPT_SECONDS = 35 * 24 * 3600;

/**
 * One message of one event (`<eventId>:<kind>`) with the facts of whom it is
 * for (`Address`). Written before anyone is told: a person or a registration
 * recorded later finds it and is told then.
 */
@Schema({ collection: 'notices' })
export class Notice {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) eventId!: string;
  @Prop({ required: true }) kind!: string;
  @Prop({ required: true }) type!: string;
  @Prop({ type: Object, required: true }) event!: EventEnvelope;
  @Prop({ required: true }) staff!: boolean;
  @Prop({ type: [String], index: true }) companies!: string[];
  @Prop({ type: [String], index: true }) adminsOf!: string[];
  @Prop({ required: true }) anyCompany!: boolean;
  @Prop({ type: [String], index: true }) emails!: string[];
  @Prop({ type: [String] }) except!: string[];
  @Prop({ required: true }) at!: Date;
  /** For the registrants of a workshop: a registration recorded later adds its attendee. */
  @Prop({ type: String, index: true }) workshopId?: string;
  @Prop({ required: true }) createdAt!: Date;
}

export const NoticeSchema = SchemaFactory.createForClass(Notice);
NoticeSchema.index({ createdAt: 1 }, { expireAfterSeconds: KEPT_SECONDS });
