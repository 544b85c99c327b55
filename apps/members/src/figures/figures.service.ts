import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Principal, SectorFigures, isFederationAdmin } from '@grappes/contracts';
import { Model } from 'mongoose';
import { Company, CompanyDocument } from '../companies/company.schema';
import { CompanyFigures, sectorFigures } from './sector-figures';

@Injectable()
export class FiguresService {
  constructor(@InjectModel(Company.name) private readonly companies: Model<CompanyDocument>) {}

  /** The members' figures; revenue only for federation staff. */
  async sector(principal: Principal): Promise<SectorFigures> {
    const members = await this.companies
      .find({ status: { $ne: 'left' } }, { category: 1, region: 1, headcount: 1, annualRevenueEur: 1 })
      .lean<CompanyFigures[]>();
    return sectorFigures(members, isFederationAdmin(principal));
  }
}
