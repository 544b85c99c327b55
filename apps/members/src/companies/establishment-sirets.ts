import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { DomainError, ERRORS, Establishment } from '@grappes/contracts';
import { isDuplicateKey, onlyDuplicateKeys } from '@grappes/messaging';
import { Model } from 'mongoose';
import { Company, CompanyDocument } from './company.schema';

/**
 * Which company holds each establishment's SIRET: one document per SIRET, keyed
 * by it. Not a unique index on `companies.establishments.siret`: SecantusDB
 * keeps a multikey index entry after an update removes the array element, so
 * a SIRET taken out of one company could never be given to another. Deleting
 * a document here does free its `_id`.
 */
@Schema({ collection: 'establishment_sirets', versionKey: false })
export class EstablishmentSiret {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true, index: true }) companyId!: string;
}

export const EstablishmentSiretSchema = SchemaFactory.createForClass(EstablishmentSiret);

@Injectable()
export class EstablishmentSirets implements OnApplicationBootstrap {
  private readonly logger = new Logger(EstablishmentSirets.name);

  constructor(
    @InjectModel(EstablishmentSiret.name) private readonly sirets: Model<EstablishmentSiret>,
    @InjectModel(Company.name) private readonly companies: Model<CompanyDocument>,
  ) {}

  /**
   * Companies registered before SIRETs were recorded here hold theirs from the
   * first start on (idempotent: a SIRET already held is left to its holder).
   * In three round trips whatever the number of companies: a start must not
   * grow with the directory (#7).
   */
  async onApplicationBootstrap(): Promise<void> {
    const holders = await this.companies.find({ 'establishments.0': { $exists: true } }, { establishments: 1 }).lean<CompanyDocument[]>();
    const listed = holders.flatMap((company) => company.establishments.map(({ siret }) => ({ _id: siret, companyId: company._id })));
    if (!listed.length) return;
    // Insert-only: a SIRET already held keeps its holder (a duplicate key, skipped; the others are written).
    await this.sirets.insertMany(listed, { ordered: false }).catch((error: unknown) => {
      if (!onlyDuplicateKeys(error)) throw error;
    });
    const held = new Map((await this.sirets.find({ _id: { $in: listed.map((l) => l._id) } }).lean<EstablishmentSiret[]>()).map((s) => [s._id, s.companyId]));
    for (const { _id: siret, companyId } of listed) {
      if (held.get(siret) !== companyId) this.logger.warn(`SIRET ${siret} is listed by companies ${held.get(siret)} and ${companyId}`);
    }
  }

  /**
   * An establishment belongs to its company: its SIRET starts with the company's SIREN (400 otherwise).
   * Checked after {@link claim}: another company's establishment is first of all taken (409), the more useful answer.
   */
  checkBelongs(siren: string, establishments: Establishment[]): void {
    const details = establishments.flatMap((e, i) =>
      e.siret.startsWith(siren) ? [] : [{ field: `establishments.${i}.siret`, problems: [`establishments.${i}.siret must start with the company's SIREN ${siren}`] }],
    );
    if (details.length) throw new DomainError(ERRORS.VALIDATION_FAILED, 'The request is not valid', details);
  }

  /** Claims the SIRETs for the company (409 when another holds one); returns those newly claimed, to give back on failure. */
  async claim(companyId: string, sirets: string[]): Promise<string[]> {
    const claimed: string[] = [];
    for (const siret of new Set(sirets)) {
      try {
        await this.sirets.create({ _id: siret, companyId });
        claimed.push(siret);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        if (await this.sirets.exists({ _id: siret, companyId })) continue;
        await this.release(companyId, claimed);
        throw new DomainError(ERRORS.COMPANY_SIRET_TAKEN, `SIRET ${siret} is an establishment of another company`);
      }
    }
    return claimed;
  }

  async release(companyId: string, sirets: string[]): Promise<void> {
    if (sirets.length) await this.sirets.deleteMany({ _id: { $in: sirets }, companyId });
  }
}

