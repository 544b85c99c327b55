import { Controller } from '@nestjs/common';
import { EVENT_CATALOGUE, EventEnvelope, WEBHOOK_EVENTS } from '@grappes/contracts';
import { OnEvent } from '@grappes/messaging';
import { WebhooksService } from './webhooks.service';

/**
 * Hands every event that can be subscribed to (WEBHOOK_EVENTS, most of the
 * catalogue) to the webhooks. One handler per subject is what the JetStream
 * consumer routes by, so the methods are made from the catalogue rather than
 * written out one by one; an event nobody subscribed to costs one query.
 */
@Controller()
export class WebhookEventHandlers {
  constructor(readonly webhooks: WebhooksService) {}
}

for (const def of EVENT_CATALOGUE.filter((d) => WEBHOOK_EVENTS.includes(d.name))) {
  const method = `on ${def.subject}`;
  const handler = function (this: WebhookEventHandlers, event: EventEnvelope): Promise<void> {
    return this.webhooks.enqueue(event);
  };
  Object.defineProperty(WebhookEventHandlers.prototype, method, { value: handler, writable: true, configurable: true });
  OnEvent(def)(WebhookEventHandlers.prototype, method, Object.getOwnPropertyDescriptor(WebhookEventHandlers.prototype, method)!);
}
