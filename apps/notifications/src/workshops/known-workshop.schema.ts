import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A workshop as its events describe it: what a mail about it says, and its calendar entry. */
@Schema({ collection: 'known_workshops' })
export class KnownWorkshop {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) title!: string;
  @Prop() clusterName?: string;
  @Prop({ required: true }) startsAt!: Date;
  @Prop({ required: true }) endsAt!: Date;
  @Prop({ required: true }) location!: string;
  @Prop({ required: true, default: 0 }) sequence!: number;
  @Prop({ required: true, default: false }) cancelled!: boolean;
  /** The time of the event that last changed it: the calendar entry's DTSTAMP. */
  @Prop({ required: true }) changedAt!: Date;
  @Prop({ required: true }) version!: number;
}

export const KnownWorkshopSchema = SchemaFactory.createForClass(KnownWorkshop);
