import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { LOCALES, Locale, ROLES, Role } from '@grappes/contracts';
import { Aggregate, outboxPlugin } from '@grappes/messaging';
import { randomUUID } from 'node:crypto';

@Schema({ collection: 'people', timestamps: true })
export class Person {
  @Prop({ type: String, default: () => randomUUID() })
  _id!: string;

  /**
   * Stored lower-cased: one account per address whatever its spelling. Never
   * changed by an update: removing the account deletes this document, which
   * frees the address (see `removed-person.schema.ts`).
   */
  @Prop({ required: true, unique: true, lowercase: true, trim: true })
  email!: string;

  @Prop({ required: true }) firstName!: string;
  @Prop({ required: true }) lastName!: string;
  @Prop({ type: String, required: true, enum: ROLES }) role!: Role;
  @Prop({ type: String, index: true }) companyId?: string;
  @Prop({ required: true }) passwordHash!: string;
  /** The language of their e-mails and of the web app; accounts made before it existed read as French. */
  @Prop({ type: String, enum: LOCALES, default: 'fr' }) locale!: Locale;
}

export type PersonDocument = Person & Aggregate;
export const PersonSchema = SchemaFactory.createForClass(Person);
PersonSchema.plugin(outboxPlugin);
