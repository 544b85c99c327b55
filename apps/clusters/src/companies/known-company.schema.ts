import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { MEMBERSHIP_STATUSES, MembershipStatus, THEMES, Theme } from '@grappes/contracts';

/** This service's own view of member companies, fed by the members service's events. */
@Schema({ collection: 'known_companies' })
export class KnownCompany {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) name!: string;
  @Prop({ type: String, enum: MEMBERSHIP_STATUSES, required: true }) status!: MembershipStatus;
  @Prop({ type: [String], enum: THEMES, default: [] }) capabilities!: Theme[];
  /** The members service's version of the company: an older event never overwrites a newer one. */
  @Prop({ required: true }) version!: number;
}

export const KnownCompanySchema = SchemaFactory.createForClass(KnownCompany);
