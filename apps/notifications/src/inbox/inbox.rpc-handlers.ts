import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Inbox, InboxQuery, NOTIFICATIONS_RPC, NotificationRef, NotificationView } from '@grappes/contracts';
import { Caller, RequestContext, RpcHandler, requirePrincipal } from '@grappes/messaging';
import { InboxService } from './inbox.service';

@Controller()
export class InboxRpcHandlers {
  constructor(private readonly inbox: InboxService) {}

  @RpcHandler(NOTIFICATIONS_RPC.listInbox)
  list(@Payload() query: InboxQuery, @Caller() caller: RequestContext): Promise<Inbox> {
    return this.inbox.list(requirePrincipal(caller).id, query);
  }

  @RpcHandler(NOTIFICATIONS_RPC.markRead)
  markRead(@Payload() { notificationId }: NotificationRef, @Caller() caller: RequestContext): Promise<NotificationView> {
    return this.inbox.markRead(requirePrincipal(caller).id, notificationId);
  }
}
