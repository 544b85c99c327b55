import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CompanyRef, MEMBERS_RPC, PartnerForNeeds, PartnersForNeeds, Suggestions } from '@grappes/contracts';
import { Caller, RequestContext, RpcHandler, requirePrincipal } from '@grappes/messaging';
import { SuggestionsService } from './suggestions.service';

@Controller()
export class SuggestionsRpcHandlers {
  constructor(private readonly suggestions: SuggestionsService) {}

  @RpcHandler(MEMBERS_RPC.suggestions)
  suggest(@Payload() { companyId }: CompanyRef, @Caller() caller: RequestContext): Promise<Suggestions> {
    return this.suggestions.for(companyId, requirePrincipal(caller));
  }

  @RpcHandler(MEMBERS_RPC.partnersForNeeds)
  partnersForNeeds(@Payload() request: PartnersForNeeds, @Caller() caller: RequestContext): Promise<PartnerForNeeds[]> {
    requirePrincipal(caller);
    return this.suggestions.forNeeds(request);
  }
}
