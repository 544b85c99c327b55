import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Another system's subscription to some events, each POSTed to `url` signed with `secret`. */
@Schema({ collection: 'webhooks' })
export class Webhook {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) url!: string;
  /** Event names (`company-joined-cluster`). */
  @Prop({ type: [String], required: true, index: true }) events!: string[];
  /** Read only to sign a delivery: never answered, never logged. */
  @Prop({ required: true, select: false }) secret!: string;
  @Prop({ required: true }) createdBy!: string;
  @Prop({ required: true }) createdAt!: Date;
}

export const WebhookSchema = SchemaFactory.createForClass(Webhook);
