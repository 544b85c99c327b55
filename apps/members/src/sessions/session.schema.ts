import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A signed-in session (a refresh token family): each refresh replaces the
 * hash of the one secret that may be used next.
 */
@Schema({ collection: 'sessions', timestamps: true })
export class Session {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) personId!: string;
  @Prop({ required: true }) secretHash!: string;
  @Prop({ required: true }) expiresAt!: Date;
  @Prop() endedAt?: Date;
  /** `signed-out`, or `reused` when an already used refresh token came back: someone else may hold the session. */
  @Prop() endedBecause?: 'signed-out' | 'reused';
}

export const SessionSchema = SchemaFactory.createForClass(Session);
