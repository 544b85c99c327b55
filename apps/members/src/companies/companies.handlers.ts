import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CompanyRef, CompanyView, MEMBERS_RPC, RegisterCompany } from '@grappes/contracts';
import { Caller, RequestContext, RpcHandler, requirePrincipal } from '@grappes/messaging';
import { CompaniesService } from './companies.service';

@Controller()
export class CompaniesHandlers {
  constructor(private readonly companies: CompaniesService) {}

  @RpcHandler(MEMBERS_RPC.registerCompany)
  register(@Payload() input: RegisterCompany, @Caller() caller: RequestContext): Promise<CompanyView> {
    return this.companies.register(input, requirePrincipal(caller));
  }

  @RpcHandler(MEMBERS_RPC.getCompany)
  get(@Payload() { companyId }: CompanyRef, @Caller() caller: RequestContext): Promise<CompanyView> {
    return this.companies.get(companyId, requirePrincipal(caller));
  }
}
