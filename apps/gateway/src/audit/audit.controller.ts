import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AUDIT_RPC, AuditEntryView, AuditQuery, Page, Principal } from '@grappes/contracts';
import { RpcClient } from '@grappes/messaging';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { ApiBehindServices, ApiErrors, ApiSignedIn } from '../http/api-error';

/** Read only: no route changes an entry of the trail. */
@ApiTags('audit')
@ApiSignedIn()
@ApiBehindServices()
@Controller('audit')
export class AuditController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({
    summary: 'Who did what, and when (federation-admin)',
    description:
      'The audit trail, newest first: each state-changing request (`kind: request`, `action` its method and route pattern, `outcome` its status and error code) ' +
      'and each event (`kind: event`, `action` its type). An event caused by a request carries the request\'s `id` as its `causationId`, ' +
      'its `correlationId`, and its `actor`. Never a request body.',
  })
  @ApiOkResponse({ description: 'A page of `{id, kind, at, action, targets, actor?, correlationId, causationId?, outcome}`' })
  @ApiErrors(400, [403, 'Not federation staff'])
  search(@Query() query: AuditQuery, @CurrentPrincipal() principal: Principal): Promise<Page<AuditEntryView>> {
    return this.rpc.send(AUDIT_RPC.search, query, { principal });
  }
}
