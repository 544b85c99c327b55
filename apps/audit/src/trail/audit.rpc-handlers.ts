import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AUDIT_RPC, AuditEntryView, AuditQuery, Page, assertFederationAdmin } from '@grappes/contracts';
import { Caller, RequestContext, RpcHandler, requirePrincipal } from '@grappes/messaging';
import { AuditTrailRepository } from './audit-trail.repository';

/** Reading the trail, for federation staff only. There is no request that changes an entry. */
@Controller()
export class AuditRpcHandlers {
  constructor(private readonly trail: AuditTrailRepository) {}

  @RpcHandler(AUDIT_RPC.search)
  search(@Payload() query: AuditQuery, @Caller() caller: RequestContext): Promise<Page<AuditEntryView>> {
    assertFederationAdmin(requirePrincipal(caller));
    return this.trail.search(query);
  }
}
