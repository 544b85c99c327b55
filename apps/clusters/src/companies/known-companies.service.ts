import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { CompanySnapshot, MEMBERS_RPC, Principal } from '@grappes/contracts';
import { RpcClient, applyIfNewer } from '@grappes/messaging';
import { Model } from 'mongoose';
import { KnownCompany } from './known-company.schema';

@Injectable()
export class KnownCompaniesService {
  constructor(
    @InjectModel(KnownCompany.name) private readonly companies: Model<KnownCompany>,
    private readonly rpc: RpcClient,
  ) {}

  /** Applies a company's state if it is newer than what is stored. */
  async record(snapshot: CompanySnapshot): Promise<void> {
    const { companyId, name, status, capabilities, version } = snapshot;
    await applyIfNewer(this.companies, companyId, version, { name, status, capabilities });
  }

  /**
   * The company as this service knows it. A company registered a moment ago
   * may not have reached us by event yet: then the members service is asked.
   */
  async find(companyId: string, principal: Principal): Promise<KnownCompany> {
    const known = await this.companies.findById(companyId).lean<KnownCompany>();
    if (known) return known;
    const company = await this.rpc.send(MEMBERS_RPC.getCompany, { companyId }, { principal });
    return { _id: company.id, name: company.name, status: company.status, capabilities: company.capabilities, version: 0 };
  }
}
