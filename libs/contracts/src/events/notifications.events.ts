import { IsDateString, IsIn, IsInt, IsObject, IsString, Min } from 'class-validator';
import { defineEvent } from './event-definition';
import { VersionedData } from './members.events';

/** An entry put in a person's inbox: what the live stream shows (the gateway relays it to that person only). */
export class NotificationCreated extends VersionedData {
  @IsString() notificationId!: string;
  @IsString() recipientId!: string;
  /** The id of the event that caused it. */
  @IsString() eventId!: string;
  /** The event that caused it, by name (`registration-confirmed`). */
  @IsString() type!: string;
  /** Which of that event's messages (`attendee`, `company`, `notice`, `welcome`, `registrant`). */
  @IsString() kind!: string;
  @IsString() title!: string;
  @IsString() body!: string;
  /** The causing event's data. */
  @IsObject() data!: Record<string, unknown>;
  @IsDateString() createdAt!: string;
}

export const DELIVERY_CHANNELS = ['email', 'webhook'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** One delivery outside the platform (an e-mail to an address, a POST to a webhook), when it ends. */
export class DeliveryOutcome extends VersionedData {
  @IsString() deliveryId!: string;
  @IsIn(DELIVERY_CHANNELS) channel!: DeliveryChannel;
  /** The event delivered or told of (`digest:<date>` for a daily digest). */
  @IsString() eventId!: string;
  /** The notification's type, or the webhook's event name. */
  @IsString() type!: string;
  /** An e-mail address, or a webhook subscription's id. */
  @IsString() recipient!: string;
  @IsInt() @Min(1) attempts!: number;
  @IsDateString() at!: string;
}

export class DeliveryFailed extends DeliveryOutcome {
  /** Why the last attempt failed (never a secret). */
  @IsString() error!: string;
}

export const NOTIFICATIONS_EVENTS = {
  notificationCreated: defineEvent('notifications', 'notification-created', NotificationCreated),
  notificationDelivered: defineEvent('notifications', 'notification-delivered', DeliveryOutcome),
  notificationFailed: defineEvent('notifications', 'notification-failed', DeliveryFailed),
};
