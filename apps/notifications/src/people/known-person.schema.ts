import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { LOCALES, Locale, ROLES, Role } from '@grappes/contracts';

/** A person who can be notified, as the members service's events describe them. */
@Schema({ collection: 'recipients' })
export class KnownPerson {
  @Prop({ type: String }) _id!: string;
  /** NFC and lower-cased (`emailKeyOf`): how an attendee known only by e-mail is matched to an account. */
  @Prop({ required: true, index: true }) email!: string;
  @Prop({ required: true }) name!: string;
  @Prop({ type: String, enum: ROLES, required: true, index: true }) role!: Role;
  @Prop({ type: String, index: true }) companyId?: string;
  @Prop({ type: String, enum: LOCALES }) locale?: Locale;
  @Prop({ default: false }) removed!: boolean;
  /** When the members service added the person: the notices of earlier events are not theirs (notices/). */
  @Prop() addedAt?: Date;
  @Prop({ required: true }) version!: number;
}

export const KnownPersonSchema = SchemaFactory.createForClass(KnownPerson);

/** One form of an address for comparing: attendees are typed by hand, accounts are stored lower-cased. */
export function emailKeyOf(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}
