import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsString, IsUrl, Length, MaxLength } from 'class-validator';
import { Page, PageQuery } from '../common/page';
import { EVENT_CATALOGUE } from '../events/catalogue';
import { defineRpc } from './rpc-definition';

/**
 * The events another system may subscribe to, by name: every event of the
 * catalogue but the notifications service's own (whose deliveries would
 * announce themselves without end) and the gateway's records of requests
 * (the audit trail's, which name the people who asked).
 */
const NOT_FOR_WEBHOOKS = new Set(['notifications', 'gateway']);
export const WEBHOOK_EVENTS = EVENT_CATALOGUE.filter((def) => !NOT_FOR_WEBHOOKS.has(def.producer)).map((def) => def.name);

export class WebhookSubscription {
  @ApiProperty({ example: 'https://erp.example.com/grappes/events', description: 'Where each event is POSTed: https, and not a private or loopback address, in production' })
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false, require_valid_protocol: true }, { message: 'url must be an http(s) URL' })
  @MaxLength(2048)
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, example: ['company-joined-cluster', 'registration-confirmed'] })
  @IsArray() @ArrayNotEmpty() @ArrayMaxSize(WEBHOOK_EVENTS.length) @ArrayUnique() @IsIn(WEBHOOK_EVENTS, { each: true })
  events!: string[];

  @ApiProperty({ description: 'Signs each delivery (`x-grappes-signature`); never shown again', minLength: 16, maxLength: 256 })
  @IsString() @Length(16, 256)
  secret!: string;
}

export class WebhookRef {
  @IsString() @Length(1, 64) webhookId!: string;
}

export class WebhookDeliveriesQuery extends PageQuery {
  @IsString() @Length(1, 64) webhookId!: string;
}

/** A subscription as staff see it: never its secret. */
export interface WebhookView {
  id: string;
  url: string;
  events: string[];
  createdAt: string;
  createdBy: string;
}

export interface WebhookDeliveryView {
  id: string;
  /** The delivered event's id (also the `id` in the body). */
  eventId: string;
  event: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  /** Why the last attempt failed (`HTTP 503`, a connection error). */
  lastError?: string;
  /** When the next attempt is due, while pending. */
  nextAttemptAt?: string;
  deliveredAt?: string;
  createdAt: string;
}

export const WEBHOOKS_RPC = {
  subscribe: defineRpc<WebhookSubscription, WebhookView>('notifications', 'subscribe-webhook', WebhookSubscription),
  listWebhooks: defineRpc<PageQuery, Page<WebhookView>>('notifications', 'list-webhooks', PageQuery),
  removeWebhook: defineRpc<WebhookRef, void>('notifications', 'remove-webhook', WebhookRef),
  listDeliveries: defineRpc<WebhookDeliveriesQuery, Page<WebhookDeliveryView>>('notifications', 'list-webhook-deliveries', WebhookDeliveriesQuery),
};
