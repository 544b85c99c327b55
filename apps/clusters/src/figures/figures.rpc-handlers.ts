import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { InnovationFigures, NoPayload, PROJECTS_RPC } from '@grappes/contracts';
import { Caller, RequestContext, RpcHandler, requirePrincipal } from '@grappes/messaging';
import { FiguresService } from './figures.service';

@Controller()
export class FiguresRpcHandlers {
  constructor(private readonly figures: FiguresService) {}

  /** Counts only, nothing confidential: anyone signed in, as the sector figures. */
  @RpcHandler(PROJECTS_RPC.innovationFigures)
  innovation(@Payload() _: NoPayload, @Caller() caller: RequestContext): Promise<InnovationFigures> {
    requirePrincipal(caller);
    return this.figures.innovation();
  }
}
