import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { EditWorkshop, WORKSHOPS_RPC, WorkshopRef, WorkshopView } from '@grappes/contracts';
import { Caller, RequestContext, RpcHandler, requirePrincipal } from '@grappes/messaging';
import { WorkshopChangesService } from './workshop-changes.service';

@Controller()
export class WorkshopChangesRpcHandlers {
  constructor(private readonly changes: WorkshopChangesService) {}

  @RpcHandler(WORKSHOPS_RPC.editWorkshop)
  edit(@Payload() input: EditWorkshop, @Caller() caller: RequestContext): Promise<WorkshopView> {
    return this.changes.edit(input, requirePrincipal(caller));
  }

  @RpcHandler(WORKSHOPS_RPC.cancelWorkshop)
  cancel(@Payload() { workshopId }: WorkshopRef, @Caller() caller: RequestContext): Promise<WorkshopView> {
    return this.changes.cancel(workshopId, requirePrincipal(caller));
  }
}
