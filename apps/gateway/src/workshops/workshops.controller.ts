import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page, Principal, ScheduleWorkshop, WORKSHOPS_RPC, WorkshopQuery, WorkshopView } from '@grappes/contracts';
import { RpcClient } from '@grappes/messaging';
import { CurrentPrincipal } from '../auth/principal.decorator';

@ApiTags('workshops')
@ApiBearerAuth()
@Controller('workshops')
export class WorkshopsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiOperation({ summary: "Schedule a workshop (federation staff, the cluster's coordinator); 400 when it ends before it starts or starts in the past" })
  schedule(@Body() body: ScheduleWorkshop, @CurrentPrincipal() principal: Principal): Promise<WorkshopView> {
    return this.rpc.send(WORKSHOPS_RPC.scheduleWorkshop, body, { principal });
  }

  @Get()
  @ApiOperation({ summary: 'Workshops by cluster, theme and start date, soonest first, with their seats' })
  list(@Query() query: WorkshopQuery, @CurrentPrincipal() principal: Principal): Promise<Page<WorkshopView>> {
    return this.rpc.send(WORKSHOPS_RPC.listWorkshops, query, { principal });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One workshop' })
  get(@Param('id') workshopId: string, @CurrentPrincipal() principal: Principal): Promise<WorkshopView> {
    return this.rpc.send(WORKSHOPS_RPC.getWorkshop, { workshopId }, { principal });
  }
}
