import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { MEMBERS_RPC, NoPayload, SectorFigures } from '@grappes/contracts';
import { Caller, RequestContext, RpcHandler, requirePrincipal } from '@grappes/messaging';
import { FiguresService } from './figures.service';

@Controller()
export class FiguresRpcHandlers {
  constructor(private readonly figures: FiguresService) {}

  @RpcHandler(MEMBERS_RPC.sectorFigures)
  sector(@Payload() _: NoPayload, @Caller() caller: RequestContext): Promise<SectorFigures> {
    return this.figures.sector(requirePrincipal(caller));
  }
}
