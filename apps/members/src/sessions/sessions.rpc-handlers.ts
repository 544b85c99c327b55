import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { MEMBERS_RPC, RefreshToken, RefreshedSession, SessionGrant } from '@grappes/contracts';
import { Caller, RequestContext, RpcHandler, requirePrincipal } from '@grappes/messaging';
import { SessionsService } from './sessions.service';

@Controller()
export class SessionsRpcHandlers {
  constructor(private readonly sessions: SessionsService) {}

  @RpcHandler(MEMBERS_RPC.openSession)
  open(@Caller() caller: RequestContext): Promise<SessionGrant> {
    return this.sessions.open(requirePrincipal(caller));
  }

  @RpcHandler(MEMBERS_RPC.refreshSession)
  refresh(@Payload() { refreshToken }: RefreshToken): Promise<RefreshedSession> {
    return this.sessions.refresh(refreshToken);
  }

  @RpcHandler(MEMBERS_RPC.endSession)
  end(@Payload() { refreshToken }: RefreshToken, @Caller() caller: RequestContext): Promise<void> {
    return this.sessions.signOut(refreshToken, requirePrincipal(caller));
  }
}
