import { Omittable } from '../common/omittable';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsString, Length } from 'class-validator';
import { Page, PageQuery } from '../common/page';
import { defineRpc } from './rpc-definition';

export class InboxQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'only unread notifications' })
  @Omittable()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class NotificationRef {
  @IsString() @Length(1, 64) notificationId!: string;
}

/** Where a live stream resumes: the entries after the last one the client received. */
export class InboxSince {
  @IsString() @Length(1, 64) afterId!: string;
}

/** `GET /notifications/stream`: `ticket` when the client cannot send a bearer token (EventSource), `lastEventId` when it cannot send the header. */
export class StreamQuery {
  @ApiPropertyOptional({ description: 'A ticket from `POST /notifications/stream-ticket`, instead of a bearer token' })
  @Omittable()
  @IsString()
  @Length(1, 2048)
  ticket?: string;

  @ApiPropertyOptional({ description: 'Resume after this notification, as the `Last-Event-ID` header does' })
  @Omittable()
  @IsString()
  @Length(1, 64)
  lastEventId?: string;
}

export interface StreamTicket {
  ticket: string;
  expiresIn: number;
}

export interface NotificationView {
  id: string;
  type: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: string;
  readAt?: string;
}

export interface Inbox extends Page<NotificationView> {
  unreadCount: number;
}

export const NOTIFICATIONS_RPC = {
  listInbox: defineRpc<InboxQuery, Inbox>('notifications', 'list-inbox', InboxQuery),
  markRead: defineRpc<NotificationRef, NotificationView>('notifications', 'mark-read', NotificationRef),
  inboxSince: defineRpc<InboxSince, NotificationView[]>('notifications', 'inbox-since', InboxSince),
};
