import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A company that left the federation: a person of it whose event arrives late is not made a recipient again. */
@Schema({ collection: 'departed_companies' })
export class DepartedCompany {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) at!: Date;
}

export const DepartedCompanySchema = SchemaFactory.createForClass(DepartedCompany);
