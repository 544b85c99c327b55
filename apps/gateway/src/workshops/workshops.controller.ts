import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EditWorkshopBody, Page, Principal, ScheduleWorkshop, WORKSHOPS_RPC, WorkshopQuery, WorkshopView } from '@grappes/contracts';
import { RpcClient } from '@grappes/messaging';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { ApiBehindServices, ApiErrors, ApiSignedIn } from '../http/api-error';

@ApiTags('workshops')
@ApiSignedIn()
@ApiBehindServices()
@Controller('workshops')
export class WorkshopsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiOperation({ summary: "Schedule a workshop (federation staff, the cluster's coordinator); 400 when it ends before it starts or starts in the past" })
  @ApiCreatedResponse({ description: 'Scheduled: the workshop with its `id` and its seats' })
  @ApiErrors([400, 'Malformed input, or it ends before it starts or starts in the past: `details` names each bad field'], 403, [404, 'Unknown cluster'])
  schedule(@Body() body: ScheduleWorkshop, @CurrentPrincipal() principal: Principal): Promise<WorkshopView> {
    return this.rpc.send(WORKSHOPS_RPC.scheduleWorkshop, body, { principal });
  }

  @Get()
  @ApiOperation({ summary: 'Workshops by cluster, theme and start date, soonest first, with their seats' })
  @ApiOkResponse({ description: 'A page of workshops, each with `seats: {capacity, confirmed, waitlisted}`' })
  @ApiErrors(400)
  list(@Query() query: WorkshopQuery, @CurrentPrincipal() principal: Principal): Promise<Page<WorkshopView>> {
    return this.rpc.send(WORKSHOPS_RPC.listWorkshops, query, { principal });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One workshop' })
  @ApiOkResponse({ description: 'The workshop with its seats' })
  @ApiErrors(400, [404, 'Unknown workshop'])
  get(@Param('id') workshopId: string, @CurrentPrincipal() principal: Principal): Promise<WorkshopView> {
    return this.rpc.send(WORKSHOPS_RPC.getWorkshop, { workshopId }, { principal });
  }

  @Patch(':id')
  @ApiOperation({ summary: "Reschedule or edit a workshop (federation staff, the cluster's coordinator) until it has ended" })
  @ApiOkResponse({ description: 'The workshop after the change; `workshop-rescheduled` when its time or place moved' })
  @ApiErrors(400, 403, [404, 'Unknown workshop'], [422, 'The workshop has ended or is cancelled, or the capacity would fall below the confirmed seats'])
  edit(@Param('id') workshopId: string, @Body() body: EditWorkshopBody, @CurrentPrincipal() principal: Principal): Promise<WorkshopView> {
    return this.rpc.send(WORKSHOPS_RPC.editWorkshop, { ...body, workshopId }, { principal });
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: "Cancel a workshop and its registrations (federation staff, the cluster's coordinator)" })
  @ApiOkResponse({ description: 'The cancelled workshop' })
  @ApiErrors(403, [404, 'Unknown workshop'], [422, 'The workshop has ended or is cancelled already'])
  cancel(@Param('id') workshopId: string, @CurrentPrincipal() principal: Principal): Promise<WorkshopView> {
    return this.rpc.send(WORKSHOPS_RPC.cancelWorkshop, { workshopId }, { principal });
  }
}
