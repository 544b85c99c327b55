import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  CompanyView, DomainError, ERRORS, MEMBERS_EVENTS, Principal, RegisterCompany, assertFederationAdmin,
} from '@grappes/contracts';
import { createEvent, isDuplicateKey } from '@grappes/messaging';
import { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { Company, CompanyDocument } from './company.schema';
import { toCompanySnapshot, toCompanyView } from './company.view';
import { searchWords } from './name-words';

@Injectable()
export class CompaniesService {
  constructor(@InjectModel(Company.name) private readonly companies: Model<CompanyDocument>) {}

  async register(input: RegisterCompany, principal: Principal): Promise<CompanyView> {
    assertFederationAdmin(principal);
    const draft = new this.companies({
      ...input,
      _id: randomUUID(),
      nafNomenclature: input.nafCode ? (input.nafNomenclature ?? 'NAF2008') : undefined,
      nameWords: searchWords(input.name),
      status: 'active',
      version: 1,
    });
    const event = createEvent(MEMBERS_EVENTS.companyRegistered, { subject: `companies/${draft._id}`, version: 1 }, toCompanySnapshot(draft, 1));
    draft.pendingEvents = [event];
    try {
      return toCompanyView(await draft.save(), principal);
    } catch (error) {
      if (isDuplicateKey(error)) throw new DomainError(ERRORS.COMPANY_SIREN_TAKEN, `SIREN ${input.siren} is registered already`);
      throw error;
    }
  }

  async get(companyId: string, principal: Principal): Promise<CompanyView> {
    const company = await this.companies.findById(companyId).lean<CompanyDocument>();
    if (!company) throw new DomainError(ERRORS.COMPANY_NOT_FOUND, `No company ${companyId}`);
    return toCompanyView(company, principal);
  }
}
