import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { WebhookDelivery, WebhookDeliverySchema } from './webhook-delivery.schema';
import { WebhookEventHandlers } from './webhook.event-handlers';
import { Webhook, WebhookSchema } from './webhook.schema';
import { WebhookWorker } from './webhook.worker';
import { WebhooksRpcHandlers } from './webhooks.rpc-handlers';
import { WebhooksService } from './webhooks.service';

/** Signed webhooks for other systems: subscriptions, deliveries retried with backoff, then kept as failed. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Webhook.name, schema: WebhookSchema },
      { name: WebhookDelivery.name, schema: WebhookDeliverySchema },
    ]),
  ],
  controllers: [WebhooksRpcHandlers, WebhookEventHandlers],
  providers: [WebhooksService, WebhookWorker],
})
export class WebhooksModule {}
