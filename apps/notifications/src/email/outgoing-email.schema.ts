import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { LOCALES, Locale } from '@grappes/contracts';
import { Aggregate, outboxPlugin } from '@grappes/messaging';
import { Delivery } from '../deliveries/delivery.schema';

/**
 * One e-mail to one address: a notification, or a day's digest of them. Its
 * text is written when it is sent, from the event's data, in its locale.
 */
@Schema({ collection: 'emails' })
export class OutgoingEmail extends Delivery {
  /** The event it tells of; `digest:<date>` for a digest. */
  @Prop({ required: true }) eventId!: string;
  @Prop({ required: true }) type!: string;
  @Prop({ required: true }) kind!: string;
  /** `emailKeyOf` the recipient's address. */
  @Prop({ required: true }) address!: string;
  /** The account, when the address has one. */
  @Prop() personId?: string;
  @Prop({ type: String, enum: LOCALES, required: true }) locale!: Locale;
  @Prop({ type: Object, default: {} }) data!: Record<string, unknown>;
  /** A digest's notifications (their e-mails, `digested` with it). */
  @Prop({ type: [String], default: undefined }) items?: string[];
}

export type OutgoingEmailDocument = OutgoingEmail & Aggregate;
export const OutgoingEmailSchema = SchemaFactory.createForClass(OutgoingEmail);
OutgoingEmailSchema.plugin(outboxPlugin);
/** One e-mail per event, address and message: a redelivered event, or a person found twice, sends none more. */
OutgoingEmailSchema.index({ eventId: 1, address: 1, kind: 1 }, { unique: true });
OutgoingEmailSchema.index({ status: 1, nextAttemptAt: 1 });
OutgoingEmailSchema.index({ status: 1, address: 1, createdAt: 1 });
