// Webhooks against real servers: a MongoDB-wire server and an HTTP receiver on loopback.
import { DomainError, MEMBERS_EVENTS, NOTIFICATIONS_EVENTS, Principal } from '@grappes/contracts';
import { WebhookReceiver, uniqueName, waitFor } from '@grappes/testing';
import { createHmac } from 'node:crypto';
import { companyEvent } from '../testing/events';
import { NotificationsHarness } from '../testing/harness';
import { WebhookDelivery, WebhookDeliveryDocument } from './webhook-delivery.schema';
import { Webhook } from './webhook.schema';
import { WebhooksModule } from './webhooks.module';
import { WebhooksService } from './webhooks.service';

const STAFF: Principal = { id: 'staff-1', email: 'staff@grappes.test', roles: ['federation-admin'] };
const SECRET = 'erp-webhook-secret-2026';
const AT = '2026-03-02T09:00:00.000Z';

let receiver: WebhookReceiver;
let harness: NotificationsHarness;
let webhooks: WebhooksService;

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
  harness = await NotificationsHarness.start([WebhooksModule], { DELIVERY_POLL_MS: 50, DELIVERY_RETRY_BASE_MS: 20, DELIVERY_MAX_ATTEMPTS: 3 });
  webhooks = harness.get(WebhooksService);
});

afterAll(async () => {
  await harness?.close();
  await receiver?.close();
});

// Each test's subscription alone receives its events: the receiver's answers are for it.
afterEach(() => harness.model(Webhook.name).deleteMany({}));

const deliveries = () => harness.model<WebhookDeliveryDocument>(WebhookDelivery.name);
const ended = (webhookId: string) => async () => {
  const all = await deliveries().find({ webhookId }).lean<WebhookDelivery[]>();
  return all.length && all.every((d) => d.status !== 'pending') ? all : undefined;
};
const suspended = () => companyEvent(MEMBERS_EVENTS.companySuspended, uniqueName('co'), AT);
const deliveredOf = (eventId: string) => receiver.received.filter((r) => r.rawBody.includes(eventId));

describe('webhooks', () => {
  it('POSTs each subscribed event once, its envelope as body, signed as api.md says, even when the event comes twice', async () => {
    const hook = await webhooks.subscribe({ url: receiver.url, events: ['company-suspended'], secret: SECRET }, STAFF);
    const event = suspended();

    await harness.deliver(event, event, companyEvent(MEMBERS_EVENTS.companyReactivated, uniqueName('co'), AT));
    await waitFor(ended(hook.id), 'the delivery');

    const [request, ...more] = deliveredOf(event.id);
    expect(more).toEqual([]);
    expect(JSON.parse(request.rawBody)).toEqual(event);
    expect(request.headers).toMatchObject({ 'content-type': 'application/json', 'x-grappes-event': 'company-suspended' });
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(request.headers['x-grappes-signature']))!;
    expect(v1).toBe(createHmac('sha256', SECRET).update(`${t}.${request.rawBody}`).digest('hex'));
    expect(Math.abs(Number(t) - Date.now() / 1000)).toBeLessThan(60);
    expect(JSON.stringify(await webhooks.list({}, STAFF))).not.toContain(SECRET);
  });

  it('retries a receiver that fails until it answers 2xx, and records the delivery', async () => {
    const hook = await webhooks.subscribe({ url: receiver.url, events: ['company-suspended'], secret: SECRET }, STAFF);
    receiver.answerNext(503, 500);
    const event = suspended();

    await harness.deliver(event);

    const [delivery] = await waitFor(ended(hook.id), 'the delivery');
    expect(delivery).toMatchObject({ status: 'sent', attempts: 3 });
    expect(deliveredOf(event.id).length).toBeGreaterThanOrEqual(3);
    const page = await webhooks.deliveriesOf({ webhookId: hook.id }, STAFF);
    expect(page.items).toEqual([expect.objectContaining({ eventId: event.id, event: 'company-suspended', status: 'sent', attempts: 3, lastError: 'HTTP 500' })]);
    expect((await deliveries().findById(delivery._id).lean<WebhookDeliveryDocument>())!.pendingEvents.map((e) => e.type)).toEqual([
      NOTIFICATIONS_EVENTS.notificationDelivered.type,
    ]);
  });

  it('keeps a delivery as failed after its last attempt, visible in the log, with its notification-failed event', async () => {
    const hook = await webhooks.subscribe({ url: receiver.url, events: ['company-suspended'], secret: SECRET }, STAFF);
    receiver.answerNext(500, 500, 500);

    await harness.deliver(suspended());

    const [delivery] = await waitFor(ended(hook.id), 'the delivery given up');
    expect(delivery).toMatchObject({ status: 'failed', attempts: 3, lastError: 'HTTP 500' });
    expect((await webhooks.deliveriesOf({ webhookId: hook.id }, STAFF)).items[0]).toMatchObject({ status: 'failed' });
    expect((await deliveries().findById(delivery._id).lean<WebhookDeliveryDocument>())!.pendingEvents.map((e) => e.type)).toEqual([
      NOTIFICATIONS_EVENTS.notificationFailed.type,
    ]);
  });

  it('is managed by federation staff only, and a removed subscription receives nothing more', async () => {
    const member: Principal = { id: 'p-1', email: 'ada@doubs.example', companyId: 'c-1', roles: ['company-admin'] };
    await expect(webhooks.subscribe({ url: receiver.url, events: ['company-suspended'], secret: SECRET }, member)).rejects.toMatchObject({ code: 'AUTH.FORBIDDEN' });
    const hook = await webhooks.subscribe({ url: receiver.url, events: ['company-suspended'], secret: SECRET }, STAFF);

    await webhooks.remove(hook.id, STAFF);
    const event = suspended();
    await harness.deliver(event);

    expect(await deliveries().countDocuments({ webhookId: hook.id })).toBe(0);
    await expect(webhooks.deliveriesOf({ webhookId: hook.id }, STAFF)).rejects.toBeInstanceOf(DomainError);
    await expect(webhooks.remove(hook.id, STAFF)).rejects.toMatchObject({ code: 'WEBHOOK.NOT_FOUND' });
  });
});

describe('webhooks in production', () => {
  let production: NotificationsHarness;

  beforeAll(async () => {
    production = await NotificationsHarness.start([WebhooksModule], { NODE_ENV: 'production', DELIVERY_POLL_MS: 50, DELIVERY_MAX_ATTEMPTS: 1 });
  });

  afterAll(() => production?.close());

  it('refuses plain http and loopback or private addresses when subscribing', async () => {
    const service = production.get(WebhooksService);
    for (const url of [receiver.url, 'https://127.0.0.1/hook', 'https://10.0.0.8/hook', 'https://localhost/hook']) {
      await expect(service.subscribe({ url, events: ['company-suspended'], secret: SECRET }, STAFF)).rejects.toMatchObject({ code: 'WEBHOOK.URL_REFUSED' });
    }
  });

  it('refuses at delivery a subscription whose URL it would refuse now (made where private addresses were allowed)', async () => {
    await production.model(Webhook.name).create({
      _id: 'from-development', url: receiver.url, events: ['company-suspended'], secret: SECRET, createdBy: STAFF.id, createdAt: new Date(),
    });
    const event = suspended();

    await production.deliver(event);

    const [delivery] = await waitFor(async () => {
      const all = await production.model<WebhookDelivery>(WebhookDelivery.name).find({ webhookId: 'from-development' }).lean<WebhookDelivery[]>();
      return all.length && all[0].status === 'failed' ? all : undefined;
    }, 'the delivery refused');
    expect(delivery.lastError).toBe('The URL is refused: it must be https');
    expect(deliveredOf(event.id)).toEqual([]);
  });
});
