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
};
