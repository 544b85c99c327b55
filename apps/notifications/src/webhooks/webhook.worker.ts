import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { DeliveryFacts, DeliveryWorker } from '../deliveries/delivery-worker';
import { NotificationsConfig } from '../notifications.config';
import { signatureHeader } from './signature';
import { guardedLookup, refusalOf } from './url-policy';
import { WebhookDelivery, WebhookDeliveryDocument } from './webhook-delivery.schema';
import { Webhook } from './webhook.schema';

/** A receiver that takes longer than this has failed the attempt. */
const TIMEOUT_MS = 10_000;

/**
 * POSTs each due webhook delivery: the event's envelope as published, signed
 * (`x-grappes-signature`); any 2xx is a success, anything else (a redirect
 * included: it is not followed) a failure to retry (deliveries/delivery-worker.ts).
 */
@Injectable()
export class WebhookWorker extends DeliveryWorker<WebhookDelivery> {
  constructor(
    @InjectModel(WebhookDelivery.name) deliveries: Model<WebhookDeliveryDocument>,
    @InjectModel(Webhook.name) private readonly webhooks: Model<Webhook>,
    private readonly config: NotificationsConfig,
  ) {
    super(deliveries, 'webhook', {
      maxAttempts: config.DELIVERY_MAX_ATTEMPTS, retryBaseMs: config.DELIVERY_RETRY_BASE_MS, pollMs: config.DELIVERY_POLL_MS, leaseMs: 60_000,
    });
  }

  protected async attempt(delivery: WebhookDelivery): Promise<void> {
    const webhook = await this.webhooks.findById(delivery.webhookId).select('+secret').lean<Webhook>();
    if (!webhook) throw new Error('The subscription was removed');
    const refusal = refusalOf(webhook.url, this.config.allowsPrivateWebhooks);
    if (refusal) throw new Error(`The URL is refused: ${refusal}`);
    const body = JSON.stringify(delivery.envelope);
    const status = await this.post(webhook.url, body, {
      'content-type': 'application/json',
      'user-agent': 'Grappes-Webhooks/1',
      'x-grappes-signature': signatureHeader(webhook.secret, body, Math.floor(Date.now() / 1000)),
      'x-grappes-event': delivery.event,
      'x-grappes-delivery': delivery._id,
    });
    if (status < 200 || status >= 300) throw new Error(`HTTP ${status}`);
  }

  protected factsOf(delivery: WebhookDelivery): DeliveryFacts {
    return { eventId: delivery.eventId, type: delivery.event, recipient: delivery.webhookId };
  }

  private post(url: string, body: string, headers: Record<string, string>): Promise<number> {
    const request = url.startsWith('https:') ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, timeout: TIMEOUT_MS, lookup: guardedLookup(this.config.allowsPrivateWebhooks) as never },
        (res) => {
          res.resume(); // the answer's body is not read: only its status counts
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
      req.on('error', (error: NodeJS.ErrnoException) => reject(new Error(error.code ? `${error.code}: ${error.message}` : error.message)));
      req.end(body);
    });
  }
}
