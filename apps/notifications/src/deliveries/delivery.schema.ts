import { Prop } from '@nestjs/mongoose';

/**
 * Where a delivery outside the platform stands: `held` for the daily digest,
 * `pending` until an attempt succeeds (`sent`) or the last one fails
 * (`failed`); `digested` once a digest carries it.
 */
export const DELIVERY_STATUSES = ['held', 'pending', 'sent', 'failed', 'digested'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** What every delivery (an e-mail, a webhook POST) records of its attempts; each channel's schema extends it. */
export class Delivery {
  @Prop({ type: String }) _id!: string;
  @Prop({ type: String, enum: DELIVERY_STATUSES, required: true }) status!: DeliveryStatus;
  @Prop({ required: true, default: 0 }) attempts!: number;
  /** When the next attempt is due; while one is in hand, when it is given up as lost (the instance died). */
  @Prop({ required: true }) nextAttemptAt!: Date;
  /** Why the last attempt failed: a status code or a connection error, never a secret. */
  @Prop() lastError?: string;
  @Prop() deliveredAt?: Date;
  @Prop({ required: true }) createdAt!: Date;
}
