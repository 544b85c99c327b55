import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AttendanceOutcome, ClusterAttendance, NoPayload, Page, REGISTRATIONS_RPC, RecordAttendance, Register, RegistrationOutcome, RegistrationQuery, RegistrationRef, RegistrationView, WORKSHOPS_RPC,
} from '@grappes/contracts';
import { Caller, RequestContext, RpcHandler, requirePrincipal } from '@grappes/messaging';
import { AttendanceService } from './attendance.service';
import { RegistrationsService } from './registrations.service';

@Controller()
export class RegistrationsRpcHandlers {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly attendance: AttendanceService,
  ) {}

  @RpcHandler(REGISTRATIONS_RPC.register)
  register(@Payload() input: Register, @Caller() caller: RequestContext): Promise<RegistrationOutcome> {
    return this.registrations.register(input, requirePrincipal(caller));
  }

  @RpcHandler(REGISTRATIONS_RPC.listRegistrations)
  list(@Payload() query: RegistrationQuery, @Caller() caller: RequestContext): Promise<Page<RegistrationView>> {
    return this.registrations.list(query, requirePrincipal(caller));
  }

  @RpcHandler(REGISTRATIONS_RPC.cancelRegistration)
  async cancel(@Payload() ref: RegistrationRef, @Caller() caller: RequestContext): Promise<void> {
    await this.registrations.cancel(ref, requirePrincipal(caller));
  }

  @RpcHandler(REGISTRATIONS_RPC.recordAttendance)
  record(@Payload() input: RecordAttendance, @Caller() caller: RequestContext): Promise<AttendanceOutcome> {
    return this.attendance.record(input, requirePrincipal(caller));
  }

  @RpcHandler(WORKSHOPS_RPC.attendanceByCluster)
  attendanceByCluster(@Payload() _: NoPayload, @Caller() caller: RequestContext): Promise<ClusterAttendance[]> {
    requirePrincipal(caller);
    return this.attendance.byCluster();
  }
}
