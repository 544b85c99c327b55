import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DomainError, ERRORS, Inbox, InboxQuery, NotificationView, pageOf } from '@grappes/contracts';
import { isDuplicateKey } from '@grappes/messaging';
import { Model } from 'mongoose';
import { Notification } from './notification.schema';

/** One inbox entry to put: what the notice says to this person, in their language. */
export interface InboxEntry {
  eventId: string;
  type: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
}

@Injectable()
export class InboxService {
  constructor(@InjectModel(Notification.name) private readonly notifications: Model<Notification>) {}

  /** Puts an entry in a person's inbox once: a redelivered event adds none (unique event, recipient, channel, kind). */
  async put(recipientId: string, entry: InboxEntry): Promise<void> {
    try {
      await this.notifications.create({ ...entry, recipientId, channel: 'inbox', createdAt: new Date() });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  async list(recipientId: string, query: InboxQuery): Promise<Inbox> {
    const { page, limit, skip } = pageOf(query);
    const mine = { recipientId, channel: 'inbox' as const };
    const filter = query.unread ? { ...mine, readAt: null } : mine;
    const [items, total, unreadCount] = await Promise.all([
      this.notifications.find(filter).sort({ createdAt: -1, _id: -1 }).skip(skip).limit(limit).lean<Notification[]>(),
      this.notifications.countDocuments(filter),
      this.notifications.countDocuments({ ...mine, readAt: null }),
    ]);
    return { items: items.map(toView), total, page, limit, unreadCount };
  }

  async markRead(recipientId: string, notificationId: string): Promise<NotificationView> {
    const mine = { _id: notificationId, recipientId };
    // Marked once: reading it again keeps the first reading time.
    const found =
      (await this.notifications.findOneAndUpdate({ ...mine, readAt: null }, { $set: { readAt: new Date() } }, { new: true }).lean<Notification>()) ??
      (await this.notifications.findOne(mine).lean<Notification>());
    if (!found) throw new DomainError(ERRORS.NOTIFICATION_NOT_FOUND, `No notification ${notificationId} in your inbox`);
    return toView(found);
  }
}

function toView(n: Notification): NotificationView {
  return {
    id: n._id, type: n.type, title: n.title, body: n.body, data: n.data,
    createdAt: n.createdAt.toISOString(), ...(n.readAt ? { readAt: n.readAt.toISOString() } : {}),
  };
}
