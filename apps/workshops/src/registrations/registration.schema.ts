import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { REGISTRATION_STATUSES, RegistrationStatus } from '@grappes/contracts';
import { Aggregate, outboxPlugin } from '@grappes/messaging';

/**
 * A registration that holds a seat or a place on the waitlist. Cancelling it
 * deletes it (and archives it as a `CancelledRegistration`), which frees its
 * unique key: the design never relies on an update freeing a unique value.
 * Its events wait in its own outbox, off the busy workshop document.
 */
@Schema({ collection: 'registrations', timestamps: true })
export class Registration {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) workshopId!: string;
  @Prop({ required: true }) attendeeEmail!: string;
  /** The e-mail NFC-normalised and lower-cased: one attendee, one registration per workshop. */
  @Prop({ required: true }) attendeeKey!: string;
  @Prop({ required: true, index: true }) companyId!: string;
  @Prop({ type: String, enum: REGISTRATION_STATUSES, required: true }) status!: RegistrationStatus;
  /** The waitlist ticket, kept after promotion: the order of the waitlist. */
  @Prop() waitTicket?: number;
  @Prop() attended?: boolean;
  createdAt!: Date;
}

export type RegistrationDocument = Registration & Aggregate;
export const RegistrationSchema = SchemaFactory.createForClass(Registration);
RegistrationSchema.plugin(outboxPlugin);
RegistrationSchema.index({ workshopId: 1, attendeeKey: 1 }, { unique: true });
RegistrationSchema.index({ workshopId: 1, status: 1, waitTicket: 1 });
RegistrationSchema.index({ attendeeKey: 1 });

/** Whom a registration is for: the same person written with other case or Unicode form is the same attendee. */
export function attendeeKeyOf(email: string): string {
  return email.normalize('NFC').toLowerCase();
}
