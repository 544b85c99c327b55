import { Injectable } from '@nestjs/common';
import { Principal, SectorFigures, isFederationAdmin } from '@grappes/contracts';
import { CompaniesService } from '../companies/companies.service';
import { CompanyFigures, sectorFigures } from './sector-figures';

@Injectable()
export class FiguresService {
  constructor(private readonly companies: CompaniesService) {}

  /** The members' figures; revenue only for federation staff. */
  async sector(principal: Principal): Promise<SectorFigures> {
    const members: CompanyFigures[] = await this.companies.membersForFigures();
    return sectorFigures(members, isFederationAdmin(principal));
  }
}
