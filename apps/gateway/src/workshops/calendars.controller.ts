import { Controller, Get, Header, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CALENDARS_RPC, DomainError, ERRORS, Principal } from '@grappes/contracts';
import { RpcClient } from '@grappes/messaging';
import type { Request } from 'express';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Public } from '../auth/public.decorator';
import { ApiBehindServices, ApiErrors, ApiSignedIn } from '../http/api-error';

const ICS = 'text/calendar; charset=utf-8';

/** iCalendar files and feeds; the private feed is read with its secret token, as calendar apps send no bearer token. */
@ApiTags('calendars')
@ApiBehindServices()
@Controller()
export class CalendarsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('workshops/:id/calendar.ics')
  @ApiSignedIn()
  @Header('content-type', ICS)
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'One workshop as iCalendar: METHOD:REQUEST, or METHOD:CANCEL once cancelled' })
  @ApiErrors([404, 'Unknown workshop'])
  async workshop(@Param('id') workshopId: string, @CurrentPrincipal() principal: Principal): Promise<string> {
    return (await this.rpc.send(CALENDARS_RPC.workshopCalendar, { workshopId }, { principal })).ics;
  }

  @Get('clusters/:id/calendar.ics')
  @ApiSignedIn()
  @Header('content-type', ICS)
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: "The cluster's workshops as an iCalendar feed (METHOD:PUBLISH, cancelled ones STATUS:CANCELLED)" })
  @ApiErrors([404, 'Unknown cluster'])
  async cluster(@Param('id') clusterId: string, @CurrentPrincipal() principal: Principal): Promise<string> {
    return (await this.rpc.send(CALENDARS_RPC.clusterCalendar, { clusterId }, { principal })).ics;
  }

  @Get('me/calendar-token')
  @ApiSignedIn()
  @ApiOperation({ summary: 'My private calendar feed: `{token, path, url}`, readable without a bearer token' })
  @ApiOkResponse({ description: '`url` is `…/calendar/<token>.ics`' })
  async token(@CurrentPrincipal() principal: Principal, @Req() req: Request) {
    return withUrl(await this.rpc.send(CALENDARS_RPC.calendarToken, {}, { principal }), req);
  }

  @Post('me/calendar-token')
  @HttpCode(200)
  @ApiSignedIn()
  @ApiOperation({ summary: 'Rotate my calendar token: the old feed URL stops working' })
  @ApiOkResponse({ description: 'The new `{token, path, url}`' })
  async rotate(@CurrentPrincipal() principal: Principal, @Req() req: Request) {
    return withUrl(await this.rpc.send(CALENDARS_RPC.rotateCalendarToken, {}, { principal }), req);
  }

  @Get('calendar/:file')
  @Public()
  @Header('content-type', ICS)
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: "A person's private feed (`<token>.ics`): their registrations and their clusters' workshops, METHOD:PUBLISH" })
  @ApiErrors([404, 'Unknown or rotated token'])
  async personal(@Param('file') file: string): Promise<string> {
    const token = /^(.+)\.ics$/.exec(file)?.[1];
    if (!token) throw new DomainError(ERRORS.CALENDAR_TOKEN_UNKNOWN, 'No such calendar');
    return (await this.rpc.send(CALENDARS_RPC.personalCalendar, { token }, {})).ics;
  }
}

function withUrl(view: { token: string; path: string }, req: Request) {
  return { ...view, url: `${req.protocol}://${req.get('host')}${req.baseUrl}${req.path.replace(/\/me\/calendar-token$/, view.path)}` };
}
