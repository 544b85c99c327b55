import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * Whether a company may still register attendees, from the members service's
 * `company-deactivated`. Every registration writes its company's standing
 * inside its transaction, and a departure writes it too, so the two conflict
 * in the database: a registration in flight when the company departs either
 * commits first, and the departure's cancellation pass, which runs after the
 * departure is written, finds it; or it starts again, sees the departure and
 * is refused.
 */
@Schema({ collection: 'company_standings' })
export class CompanyStanding {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) departed!: boolean;
  /** The members service's version of the company at its departure; 0 while it has not departed. */
  @Prop({ required: true }) version!: number;
  /** Raised by every registration: the write that makes a registration conflict with a departure. */
  @Prop({ default: 0 }) registrationsTaken!: number;
}

export const CompanyStandingSchema = SchemaFactory.createForClass(CompanyStanding);
