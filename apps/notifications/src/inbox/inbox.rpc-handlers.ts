import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Inbox, InboxQuery, InboxSince, NOTIFICATIONS_RPC, NotificationRef, NotificationView } from '@grappes/contracts';
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

  @RpcHandler(NOTIFICATIONS_RPC.inboxSince)
  since(@Payload() { afterId }: InboxSince, @Caller() caller: RequestContext): Promise<NotificationView[]> {
    return this.inbox.since(requirePrincipal(caller).id, afterId);
  }
}
