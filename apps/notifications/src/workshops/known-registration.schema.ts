import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { REGISTRATION_STATUSES, RegistrationStatus } from '@grappes/contracts';

/**
 * A registration as the workshops events describe it: who the registrants of
 * a workshop were at a given moment, so that a reschedule reaches them.
 */
@Schema({ collection: 'known_registrations' })
export class KnownRegistration {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true, index: true }) workshopId!: string;
  /** `emailKeyOf` the attendee's e-mail. */
  @Prop({ required: true }) email!: string;
  @Prop({ required: true }) companyId!: string;
  @Prop({ type: String, enum: REGISTRATION_STATUSES, required: true }) status!: RegistrationStatus;
  /** The time of its first event (confirmed or waitlisted); unknown while only later ones have arrived. */
  @Prop() registeredAt?: Date;
  /** When it was cancelled, or its workshop. */
  @Prop() endedAt?: Date;
  @Prop({ required: true }) version!: number;
}

export const KnownRegistrationSchema = SchemaFactory.createForClass(KnownRegistration);
