import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { DIGEST_MODES, DigestMode } from '@grappes/contracts';

/** A person's notification choices, keyed by their id; absent means every default. */
@Schema({ collection: 'preferences' })
export class Preference {
  @Prop({ type: String }) _id!: string;
  /** Notification types not to e-mail: every other one is. */
  @Prop({ type: [String], default: [] }) emailOff!: string[];
  @Prop({ type: String, enum: DIGEST_MODES, required: true }) digest!: DigestMode;
  @Prop({ required: true }) updatedAt!: Date;
}

export const PreferenceSchema = SchemaFactory.createForClass(Preference);
