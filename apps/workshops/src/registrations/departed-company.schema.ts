import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A company that left the federation (from `company-deactivated`): it registers no one any more. */
@Schema({ collection: 'departed_companies' })
export class DepartedCompany {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) version!: number;
}

export const DepartedCompanySchema = SchemaFactory.createForClass(DepartedCompany);
