import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CompanyQuery, CompanyRef, CompanyView, MEMBERS_RPC, Page, RegisterCompany, UpdateCompanyRequest,
} from '@grappes/contracts';
import { Caller, RequestContext, RpcHandler, requirePrincipal } from '@grappes/messaging';
import { CompaniesService } from './companies.service';

@Controller()
export class CompaniesRpcHandlers {
  constructor(private readonly companies: CompaniesService) {}

  @RpcHandler(MEMBERS_RPC.registerCompany)
  register(@Payload() input: RegisterCompany, @Caller() caller: RequestContext): Promise<CompanyView> {
    return this.companies.register(input, requirePrincipal(caller));
  }

  @RpcHandler(MEMBERS_RPC.getCompany)
  get(@Payload() { companyId }: CompanyRef, @Caller() caller: RequestContext): Promise<CompanyView> {
    return this.companies.get(companyId, requirePrincipal(caller));
  }

  @RpcHandler(MEMBERS_RPC.listCompanies)
  list(@Payload() query: CompanyQuery, @Caller() caller: RequestContext): Promise<Page<CompanyView>> {
    return this.companies.list(query, requirePrincipal(caller));
  }

  @RpcHandler(MEMBERS_RPC.updateCompany)
  update(@Payload() { companyId, changes }: UpdateCompanyRequest, @Caller() caller: RequestContext): Promise<CompanyView> {
    return this.companies.update(companyId, changes, requirePrincipal(caller));
  }

  @RpcHandler(MEMBERS_RPC.deactivateCompany)
  deactivate(@Payload() { companyId }: CompanyRef, @Caller() caller: RequestContext): Promise<CompanyView> {
    return this.companies.deactivate(companyId, requirePrincipal(caller));
  }

  @RpcHandler(MEMBERS_RPC.suspendCompany)
  suspend(@Payload() { companyId }: CompanyRef, @Caller() caller: RequestContext): Promise<CompanyView> {
    return this.companies.suspend(companyId, requirePrincipal(caller));
  }

  @RpcHandler(MEMBERS_RPC.reactivateCompany)
  reactivate(@Payload() { companyId }: CompanyRef, @Caller() caller: RequestContext): Promise<CompanyView> {
    return this.companies.reactivate(companyId, requirePrincipal(caller));
  }
}
