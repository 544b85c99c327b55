// The inbox against a real MongoDB-wire server: each entry is written with its
// notification-created event (the outbox the relay publishes from), once, and
// a live stream that reconnects gets what it missed.
import { NOTIFICATIONS_EVENTS } from '@grappes/contracts';
import { uniqueName } from '@grappes/testing';
import { NotificationsHarness } from '../testing/harness';
import { InboxModule } from './inbox.module';
import { InboxEntry, InboxService } from './inbox.service';
import { Notification, NotificationDocument } from './notification.schema';

let harness: NotificationsHarness;
let inbox: InboxService;

beforeAll(async () => {
  harness = await NotificationsHarness.start([InboxModule]);
  inbox = harness.get(InboxService);
});

afterAll(() => harness?.close());

const entry = (eventId = uniqueName('e')): InboxEntry => ({
  eventId, type: 'registration-confirmed', kind: 'attendee', title: 'Inscription confirmée : Atelier', body: 'Votre place est réservée.', data: { workshopId: 'w1' },
});
const stored = (recipientId: string) => harness.model<NotificationDocument>(Notification.name).find({ recipientId }).sort({ createdAt: 1 }).lean<NotificationDocument[]>();

describe('the inbox', () => {
  it('writes each entry with its notification-created event, and a second put of the same entry adds nothing', async () => {
    const ada = uniqueName('p');
    const same = entry();

    await inbox.put(ada, same);
    await inbox.put(ada, same);

    const [only, ...more] = await stored(ada);
    expect(more).toEqual([]);
    expect(only.pendingEvents).toEqual([
      expect.objectContaining({
        type: NOTIFICATIONS_EVENTS.notificationCreated.type, subject: `notifications/${only._id}`,
        data: expect.objectContaining({ notificationId: only._id, recipientId: ada, eventId: same.eventId, title: same.title, data: same.data, version: 1 }),
      }),
    ]);
  });

  it('gives a reconnecting stream the entries created after the last it received, oldest first, and only its own', async () => {
    const [ada, leo] = [uniqueName('p'), uniqueName('p')];
    for (const recipient of [ada, ada, leo, ada]) await inbox.put(recipient, entry());
    const [first, second, third] = await stored(ada);

    expect((await inbox.since(ada, first._id)).map((n) => n.id)).toEqual([second._id, third._id]);
    expect(await inbox.since(leo, first._id)).toEqual([]);
    expect(await inbox.since(ada, 'no-such-notification')).toEqual([]);
  });
});
