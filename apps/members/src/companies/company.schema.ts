import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CATEGORIES, Category, MEMBERSHIP_STATUSES, MembershipStatus, NafNomenclature, THEMES, Theme } from '@grappes/contracts';
import { Aggregate, outboxPlugin } from '@grappes/messaging';
import { randomUUID } from 'node:crypto';

@Schema({ _id: false })
export class EstablishmentRecord {
  @Prop({ required: true }) siret!: string;
  @Prop() city?: string;
}

@Schema({ collection: 'companies', timestamps: true })
export class Company {
  @Prop({ type: String, default: () => randomUUID() })
  _id!: string;

  @Prop({ required: true }) name!: string;
  /** The name's words lower-cased and without accents, for the directory search. */
  @Prop({ type: [String], index: true }) nameWords!: string[];
  /** The name lower-cased without accents: a stable alphabetical order without collations. */
  @Prop({ required: true, index: true }) sortName!: string;
  /** The natural key: set at registration and never updated (an update is not relied on to free a unique value). */
  @Prop({ required: true, unique: true }) siren!: string;
  @Prop({ type: String, required: true, enum: CATEGORIES, index: true }) category!: Category;
  @Prop({ type: [String], enum: THEMES, index: true }) capabilities!: Theme[];
  @Prop({ required: true, index: true }) region!: string;
  @Prop() city?: string;
  @Prop() headcount?: number;
  @Prop() annualRevenueEur?: number;
  @Prop() website?: string;
  @Prop() description?: string;
  @Prop() nafCode?: string;
  @Prop({ type: String }) nafNomenclature?: NafNomenclature;
  @Prop({ type: [EstablishmentRecord], default: [] }) establishments!: EstablishmentRecord[];
  @Prop({ type: String, required: true, enum: MEMBERSHIP_STATUSES, default: 'active' }) status!: MembershipStatus;
  createdAt!: Date;
  updatedAt!: Date;
}

export type CompanyDocument = Company & Aggregate;
export const CompanySchema = SchemaFactory.createForClass(Company);
CompanySchema.plugin(outboxPlugin);
// The directory by capability, in its order: a page is read in index order instead of sorting every match.
CompanySchema.index({ capabilities: 1, sortName: 1, _id: 1 });
