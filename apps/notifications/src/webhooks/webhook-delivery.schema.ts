import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { EventEnvelope } from '@grappes/contracts';
import { Aggregate, outboxPlugin } from '@grappes/messaging';
import { Delivery } from '../deliveries/delivery.schema';

/** One event to one subscription: its body is the event's envelope, as published. */
@Schema({ collection: 'webhook_deliveries' })
export class WebhookDelivery extends Delivery {
  @Prop({ required: true }) webhookId!: string;
  @Prop({ required: true }) eventId!: string;
  /** The event's name (`company-joined-cluster`). */
  @Prop({ required: true }) event!: string;
  @Prop({ type: Object, required: true }) envelope!: EventEnvelope;
}

export type WebhookDeliveryDocument = WebhookDelivery & Aggregate;
export const WebhookDeliverySchema = SchemaFactory.createForClass(WebhookDelivery);
WebhookDeliverySchema.plugin(outboxPlugin);
/** One delivery per subscription and event: a redelivered event POSTs nothing more. */
WebhookDeliverySchema.index({ webhookId: 1, eventId: 1 }, { unique: true });
WebhookDeliverySchema.index({ status: 1, nextAttemptAt: 1 });
WebhookDeliverySchema.index({ webhookId: 1, createdAt: -1 });
