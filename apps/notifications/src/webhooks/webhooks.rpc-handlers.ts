import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  Page, PageQuery, WEBHOOKS_RPC, WebhookDeliveriesQuery, WebhookDeliveryView, WebhookRef, WebhookSubscription, WebhookView,
} from '@grappes/contracts';
import { Caller, RequestContext, RpcHandler, requirePrincipal } from '@grappes/messaging';
import { WebhooksService } from './webhooks.service';

/** Federation staff only: the service checks the caller's role on each. */
@Controller()
export class WebhooksRpcHandlers {
  constructor(private readonly webhooks: WebhooksService) {}

  @RpcHandler(WEBHOOKS_RPC.subscribe)
  subscribe(@Payload() subscription: WebhookSubscription, @Caller() caller: RequestContext): Promise<WebhookView> {
    return this.webhooks.subscribe(subscription, requirePrincipal(caller));
  }

  @RpcHandler(WEBHOOKS_RPC.listWebhooks)
  list(@Payload() query: PageQuery, @Caller() caller: RequestContext): Promise<Page<WebhookView>> {
    return this.webhooks.list(query, requirePrincipal(caller));
  }

  @RpcHandler(WEBHOOKS_RPC.removeWebhook)
  remove(@Payload() { webhookId }: WebhookRef, @Caller() caller: RequestContext): Promise<void> {
    return this.webhooks.remove(webhookId, requirePrincipal(caller));
  }

  @RpcHandler(WEBHOOKS_RPC.listDeliveries)
  deliveries(@Payload() query: WebhookDeliveriesQuery, @Caller() caller: RequestContext): Promise<Page<WebhookDeliveryView>> {
    return this.webhooks.deliveriesOf(query, requirePrincipal(caller));
  }
}
