import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AttendanceOutcome, Page, PageQuery, Principal, REGISTRATIONS_RPC, RecordAttendanceBody, RegisterBody, RegistrationOutcome, RegistrationView,
} from '@grappes/contracts';
import { RpcClient } from '@grappes/messaging';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { ApiBehindServices, ApiErrors, ApiSignedIn } from '../http/api-error';

@ApiTags('workshops')
@ApiSignedIn()
@ApiBehindServices()
@Controller('workshops/:id')
export class RegistrationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('registrations')
  @ApiOperation({ summary: "Register an attendee of one's company (federation staff: of any company); past capacity, on the waitlist" })
  @ApiCreatedResponse({ description: '`{id, status, position?}`: `confirmed`, or `waitlisted` with `position` (1 is promoted next)' })
  @ApiErrors(400, [403, 'Registering for another company'], [404, 'Unknown workshop'], [409, 'The attendee is registered already'],
    [422, "The company is not a member of the workshop's cluster, or the workshop has started or is cancelled"])
  register(@Param('id') workshopId: string, @Body() body: RegisterBody, @CurrentPrincipal() principal: Principal): Promise<RegistrationOutcome> {
    return this.rpc.send(REGISTRATIONS_RPC.register, { ...body, workshopId }, { principal });
  }

  @Get('registrations')
  @ApiOperation({ summary: "The registrations: all for federation staff and the coordinator, one's company's for its people" })
  @ApiOkResponse({ description: 'A page of `{id, attendeeEmail, companyId, status, position?}`, confirmed first, then the waitlist in order' })
  @ApiErrors(400, 403, [404, 'Unknown workshop'])
  list(@Param('id') workshopId: string, @Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<Page<RegistrationView>> {
    return this.rpc.send(REGISTRATIONS_RPC.listRegistrations, { ...query, workshopId }, { principal });
  }

  @Delete('registrations/:registrationId')
  @HttpCode(204)
  @ApiOperation({ summary: "Cancel a registration (the attendee's company, federation staff); the first waitlisted attendee is promoted" })
  @ApiNoContentResponse({ description: 'Cancelled' })
  @ApiErrors(403, [404, 'Unknown workshop or registration'], [422, 'The workshop has started or is cancelled'])
  async cancel(@Param('id') workshopId: string, @Param('registrationId') registrationId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.rpc.send(REGISTRATIONS_RPC.cancelRegistration, { workshopId, registrationId }, { principal });
  }

  @Post('attendance')
  @HttpCode(200)
  @ApiOperation({ summary: "Record who came, once the workshop has started (federation staff, the cluster's coordinator)" })
  @ApiOkResponse({ description: '`{attended}`: how many came' })
  @ApiErrors(400, 403, [404, 'Unknown workshop'], [422, 'The workshop has not started or is cancelled, or an id is not a confirmed registration'])
  attendance(@Param('id') workshopId: string, @Body() body: RecordAttendanceBody, @CurrentPrincipal() principal: Principal): Promise<AttendanceOutcome> {
    return this.rpc.send(REGISTRATIONS_RPC.recordAttendance, { ...body, workshopId }, { principal });
  }
}
