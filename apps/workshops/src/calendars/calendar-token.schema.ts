import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The secret of a person's private calendar feed. Rotating deletes the
 * document and inserts a new one (never an update of the unique token).
 */
@Schema({ collection: 'calendar_tokens', timestamps: { createdAt: true, updatedAt: false } })
export class CalendarToken {
  /** The token itself: what the feed URL carries. */
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true, unique: true }) personId!: string;
  @Prop({ required: true }) email!: string;
  @Prop({ index: true }) companyId?: string;
}

export const CalendarTokenSchema = SchemaFactory.createForClass(CalendarToken);
