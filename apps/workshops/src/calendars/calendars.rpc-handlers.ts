import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CALENDARS_RPC, CalendarFile, CalendarTokenRef, CalendarTokenView, ClusterCalendarRef, NoPayload, WorkshopRef } from '@grappes/contracts';
import { Caller, RequestContext, RpcHandler, requirePrincipal } from '@grappes/messaging';
import { CalendarTokensService } from './calendar-tokens.service';
import { CalendarsService } from './calendars.service';

@Controller()
export class CalendarsRpcHandlers {
  constructor(
    private readonly calendars: CalendarsService,
    private readonly tokens: CalendarTokensService,
  ) {}

  @RpcHandler(CALENDARS_RPC.workshopCalendar)
  workshop(@Payload() { workshopId }: WorkshopRef, @Caller() caller: RequestContext): Promise<CalendarFile> {
    requirePrincipal(caller);
    return this.calendars.workshop(workshopId);
  }

  @RpcHandler(CALENDARS_RPC.clusterCalendar)
  cluster(@Payload() { clusterId }: ClusterCalendarRef, @Caller() caller: RequestContext): Promise<CalendarFile> {
    return this.calendars.cluster(clusterId, requirePrincipal(caller));
  }

  /** No principal: the secret token is the only credential, and it opens this feed alone. */
  @RpcHandler(CALENDARS_RPC.personalCalendar)
  personal(@Payload() { token }: CalendarTokenRef): Promise<CalendarFile> {
    return this.calendars.personal(token);
  }

  @RpcHandler(CALENDARS_RPC.calendarToken)
  token(@Payload() _: NoPayload, @Caller() caller: RequestContext): Promise<CalendarTokenView> {
    return this.tokens.current(requirePrincipal(caller));
  }

  @RpcHandler(CALENDARS_RPC.rotateCalendarToken)
  rotate(@Payload() _: NoPayload, @Caller() caller: RequestContext): Promise<CalendarTokenView> {
    return this.tokens.rotate(requirePrincipal(caller));
  }
}
