import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CompanyRef, MEMBERS_RPC, NoPayload, SectorFigures, Suggestions } from '@grappes/contracts';
import { Caller, RequestContext, RpcHandler, requirePrincipal } from '@grappes/messaging';
import { FiguresService } from '../figures/figures.service';
import { SuggestionsService } from './suggestions.service';

/** What the members service knows of the sector as a whole. */
@Controller()
export class InsightsHandlers {
  constructor(
    private readonly suggestions: SuggestionsService,
    private readonly figures: FiguresService,
  ) {}

  @RpcHandler(MEMBERS_RPC.suggestions)
  suggest(@Payload() { companyId }: CompanyRef, @Caller() caller: RequestContext): Promise<Suggestions> {
    return this.suggestions.for(companyId, requirePrincipal(caller));
  }

  @RpcHandler(MEMBERS_RPC.sectorFigures)
  sector(@Payload() _: NoPayload, @Caller() caller: RequestContext): Promise<SectorFigures> {
    return this.figures.sector(requirePrincipal(caller));
  }
}
