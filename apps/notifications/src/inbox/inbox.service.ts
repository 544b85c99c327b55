import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DomainError, ERRORS, Inbox, InboxQuery, MAX_PAGE_LIMIT, NOTIFICATIONS_EVENTS, NotificationView, pageOf } from '@grappes/contracts';
import { createEvent, isDuplicateKey } from '@grappes/messaging';
import { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { Notification, NotificationDocument } from './notification.schema';

/** How far before the last entry a resumed stream looks again (see `since`). */
const RESUME_OVERLAP_MS = 5_000;

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
  constructor(@InjectModel(Notification.name) private readonly notifications: Model<NotificationDocument>) {}

  /** Puts an entry in a person's inbox once: a redelivered event adds none (unique event, recipient, channel, kind). */
  async put(recipientId: string, entry: InboxEntry): Promise<void> {
    const [_id, createdAt] = [randomUUID(), new Date()];
    const created = createEvent(NOTIFICATIONS_EVENTS.notificationCreated, { subject: `notifications/${_id}`, version: 1 }, {
      notificationId: _id, recipientId, ...entry, createdAt: createdAt.toISOString(), version: 1,
    });
    try {
      await this.notifications.create({ _id, ...entry, recipientId, channel: 'inbox', createdAt, version: 1, pendingEvents: [created] });
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

  /**
   * What a live stream missed after the entry it last received: the entries
   * created since, oldest first. From a few seconds before it, because entries
   * put by different instances at nearly the same moment may be published in
   * either order; the client recognises the repeated ones by their id.
   */
  async since(recipientId: string, afterId: string): Promise<NotificationView[]> {
    const mine = { recipientId, channel: 'inbox' as const };
    const last = await this.notifications.findOne({ ...mine, _id: afterId }, { createdAt: 1 }).lean<Notification>();
    if (!last) return [];
    const from = new Date(last.createdAt.getTime() - RESUME_OVERLAP_MS);
    const missed = await this.notifications
      .find({ ...mine, _id: { $ne: afterId }, createdAt: { $gte: from } })
      .sort({ createdAt: 1, _id: 1 })
      .limit(MAX_PAGE_LIMIT)
      .lean<Notification[]>();
    return missed.map(toView);
  }

  async markRead(recipientId: string, notificationId: string): Promise<NotificationView> {
    const mine = { _id: notificationId, recipientId };
    // Marked once: reading it again keeps the first reading time.
    const found =
      (await this.notifications.findOneAndUpdate({ ...mine, readAt: null }, { $set: { readAt: new Date() } }, { returnDocument: 'after' }).lean<Notification>()) ??
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
