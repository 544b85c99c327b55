import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Page, ScheduleWorkshop, WORKSHOPS_RPC, WorkshopQuery, WorkshopRef, WorkshopView } from '@grappes/contracts';
import { Caller, RequestContext, RpcHandler, requirePrincipal } from '@grappes/messaging';
import { WorkshopsService } from './workshops.service';

@Controller()
export class WorkshopsRpcHandlers {
  constructor(private readonly workshops: WorkshopsService) {}

  @RpcHandler(WORKSHOPS_RPC.scheduleWorkshop)
  schedule(@Payload() input: ScheduleWorkshop, @Caller() caller: RequestContext): Promise<WorkshopView> {
    return this.workshops.schedule(input, requirePrincipal(caller));
  }

  @RpcHandler(WORKSHOPS_RPC.listWorkshops)
  list(@Payload() query: WorkshopQuery, @Caller() caller: RequestContext): Promise<Page<WorkshopView>> {
    requirePrincipal(caller);
    return this.workshops.list(query);
  }

  @RpcHandler(WORKSHOPS_RPC.getWorkshop)
  get(@Payload() { workshopId }: WorkshopRef, @Caller() caller: RequestContext): Promise<WorkshopView> {
    requirePrincipal(caller);
    return this.workshops.get(workshopId);
  }
}
