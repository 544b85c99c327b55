import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  DomainError, ERRORS, EventEnvelope, Page, PageQuery, Principal, WebhookDeliveriesQuery, WebhookDeliveryView, WebhookSubscription, WebhookView,
  assertFederationAdmin, pageOf,
} from '@grappes/contracts';
import { isDuplicateKey } from '@grappes/messaging';
import { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { notificationTypeOf } from '../notices/audiences';
import { NotificationsConfig } from '../notifications.config';
import { refusalOf } from './url-policy';
import { WebhookDelivery, WebhookDeliveryDocument } from './webhook-delivery.schema';
import { Webhook } from './webhook.schema';
import { WebhookWorker } from './webhook.worker';

/** Subscriptions of other systems (federation staff manage them) and the deliveries of events to them. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectModel(Webhook.name) private readonly webhooks: Model<Webhook>,
    @InjectModel(WebhookDelivery.name) private readonly deliveries: Model<WebhookDeliveryDocument>,
    private readonly worker: WebhookWorker,
    private readonly config: NotificationsConfig,
  ) {}

  async subscribe({ url, events, secret }: WebhookSubscription, principal: Principal): Promise<WebhookView> {
    assertFederationAdmin(principal);
    const refusal = refusalOf(url, this.config.allowsPrivateWebhooks);
    if (refusal) throw new DomainError(ERRORS.WEBHOOK_URL_REFUSED, `This webhook URL is refused: ${refusal}`, { field: 'url' });
    const created = await this.webhooks.create({ _id: randomUUID(), url, events, secret, createdBy: principal.id, createdAt: new Date() });
    return viewOf(created);
  }

  async list(query: PageQuery, principal: Principal): Promise<Page<WebhookView>> {
    assertFederationAdmin(principal);
    const { page, limit, skip } = pageOf(query);
    const [items, total] = await Promise.all([
      this.webhooks.find().sort({ createdAt: -1, _id: 1 }).skip(skip).limit(limit).lean<Webhook[]>(),
      this.webhooks.countDocuments(),
    ]);
    return { items: items.map(viewOf), total, page, limit };
  }

  /** Ends the subscription and forgets its deliveries: those still waiting are not attempted. */
  async remove(webhookId: string, principal: Principal): Promise<void> {
    assertFederationAdmin(principal);
    const { deletedCount } = await this.webhooks.deleteOne({ _id: webhookId });
    if (!deletedCount) throw new DomainError(ERRORS.WEBHOOK_NOT_FOUND, `No webhook ${webhookId}`);
    await this.deliveries.deleteMany({ webhookId });
  }

  async deliveriesOf({ webhookId, ...query }: WebhookDeliveriesQuery, principal: Principal): Promise<Page<WebhookDeliveryView>> {
    assertFederationAdmin(principal);
    if (!(await this.webhooks.exists({ _id: webhookId }))) throw new DomainError(ERRORS.WEBHOOK_NOT_FOUND, `No webhook ${webhookId}`);
    const { page, limit, skip } = pageOf(query);
    const [items, total] = await Promise.all([
      this.deliveries.find({ webhookId }, { envelope: 0, pendingEvents: 0 }).sort({ createdAt: -1, _id: 1 }).skip(skip).limit(limit).lean<WebhookDelivery[]>(),
      this.deliveries.countDocuments({ webhookId }),
    ]);
    return { items: items.map(deliveryViewOf), total, page, limit };
  }

  /** An event for every subscription to it at this moment, once each (unique subscription and event). */
  async enqueue(event: EventEnvelope): Promise<void> {
    const name = notificationTypeOf(event);
    const subscribed = await this.webhooks.find({ events: name }, { _id: 1 }).lean<Webhook[]>();
    const now = new Date();
    for (const { _id: webhookId } of subscribed) {
      try {
        await this.deliveries.create({
          _id: randomUUID(), webhookId, eventId: event.id, event: name, envelope: event, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now,
        });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    if (subscribed.length) this.worker.wake();
  }
}

function viewOf(w: Webhook): WebhookView {
  return { id: w._id, url: w.url, events: w.events, createdAt: w.createdAt.toISOString(), createdBy: w.createdBy };
}

function deliveryViewOf(d: WebhookDelivery): WebhookDeliveryView {
  return {
    id: d._id, eventId: d.eventId, event: d.event, status: d.status as WebhookDeliveryView['status'], attempts: d.attempts,
    ...(d.lastError ? { lastError: d.lastError } : {}),
    ...(d.status === 'pending' ? { nextAttemptAt: d.nextAttemptAt.toISOString() } : {}),
    ...(d.deliveredAt ? { deliveredAt: d.deliveredAt.toISOString() } : {}),
    createdAt: d.createdAt.toISOString(),
  };
}
