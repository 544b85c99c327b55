import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CANCELLATION_REASONS, CancellationReason, REGISTRATION_STATUSES, RegistrationStatus } from '@grappes/contracts';
import { outboxPlugin } from '@grappes/messaging';

/** The record of a cancelled registration, written in the transaction that deletes the active one, with its `registration-cancelled` event. */
@Schema({ collection: 'cancelled_registrations' })
export class CancelledRegistration {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true, index: true }) workshopId!: string;
  @Prop({ required: true }) attendeeEmail!: string;
  @Prop({ required: true, index: true }) attendeeKey!: string;
  @Prop({ required: true }) companyId!: string;
  @Prop({ type: String, enum: REGISTRATION_STATUSES, required: true }) statusWhenCancelled!: RegistrationStatus;
  @Prop({ type: String, enum: [...CANCELLATION_REASONS, 'workshop-cancelled'], required: true }) reason!: CancellationReason | 'workshop-cancelled';
  @Prop({ required: true }) registeredAt!: Date;
  @Prop({ required: true }) cancelledAt!: Date;
}

export const CancelledRegistrationSchema = SchemaFactory.createForClass(CancelledRegistration);
CancelledRegistrationSchema.plugin(outboxPlugin);
