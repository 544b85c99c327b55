// Webhooks through the whole platform: federation staff subscribe a loopback
// receiver (allowed outside production) and the events arrive signed.
import { WebhookReceiver, waitFor } from '@grappes/testing';
import { createHmac } from 'node:crypto';
import { ApiClient } from './support/client';
import { sirenFrom } from './support/siren';
import { usePlatform } from './support/use-platform';

const SECRET = 'erp-webhook-secret-2026';
const PASSWORD = 'webhooks-password-1';
let receiver: WebhookReceiver;
let companies = 0;
beforeAll(async () => (receiver = await WebhookReceiver.start()));
const { platform, admin } = usePlatform({ env: { DELIVERY_POLL_MS: '100' } });
afterAll(() => receiver?.close());

async function aCompany(name: string): Promise<string> {
  const reply = await admin.post('/companies', {
    name, siren: sirenFrom(Date.now() + ++companies), category: 'watches-and-accessories', capabilities: ['assembly'], region: 'Auvergne-Rhône-Alpes',
  });
  return reply.body.id;
}

describe('/webhooks', () => {
  it('delivers each subscribed event to the receiver, signed with the secret, and logs it', async () => {
    const subscribed = await admin.post('/webhooks', { url: receiver.url, events: ['company-joined-cluster'], secret: SECRET });
    expect(subscribed.status).toBe(201);
    expect(subscribed.body).toEqual({ id: expect.any(String), url: receiver.url, events: ['company-joined-cluster'], createdAt: expect.any(String), createdBy: expect.any(String) });
    const companyId = await aCompany('Assemblages de Cluses');
    const cluster = await admin.post('/clusters', { name: 'Grappe Assemblage', theme: 'assembly', admission: 'open' });

    await admin.post(`/clusters/${cluster.body.id}/members`, { companyId });

    const request = await waitFor(() => receiver.received.find((r) => r.rawBody.includes(companyId)), 'the delivery', 15_000);
    const envelope = JSON.parse(request.rawBody);
    expect(envelope).toMatchObject({ type: 'grappes.clusters.company-joined-cluster.v1', data: { clusterId: cluster.body.id, companyId } });
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(request.headers['x-grappes-signature']))!;
    expect(v1).toBe(createHmac('sha256', SECRET).update(`${t}.${request.rawBody}`).digest('hex'));
    const log = await waitFor(async () => {
      const page = (await admin.get(`/webhooks/${subscribed.body.id}/deliveries`)).body;
      return page.items?.[0]?.status === 'sent' ? page : undefined;
    }, 'the delivery logged as sent');
    expect(log.items[0]).toMatchObject({ eventId: envelope.id, event: 'company-joined-cluster', attempts: 1 });
    expect(JSON.stringify((await admin.get('/webhooks')).body)).not.toContain(SECRET);
  });

  it('refuses a malformed subscription, naming the field, and anyone but federation staff', async () => {
    const bad = async (body: object) => (await admin.post('/webhooks', body)).body.details?.map((d: { field: string }) => d.field);
    expect(await bad({ url: 'not a url', events: ['company-joined-cluster'], secret: SECRET })).toEqual(['url']);
    expect(await bad({ url: receiver.url, events: ['birthday-wishes'], secret: SECRET })).toEqual(['events']);
    expect(await bad({ url: receiver.url, events: ['notification-delivered'], secret: SECRET })).toEqual(['events']);
    expect(await bad({ url: receiver.url, events: ['company-joined-cluster'], secret: 'short' })).toEqual(['secret']);

    const companyId = await aCompany('Horlogerie du Léman');
    const email = `ana.${companyId}@leman.example`;
    await admin.post(`/companies/${companyId}/people`, { email, firstName: 'Ana', lastName: 'Pernet', role: 'company-admin', password: PASSWORD });
    const ana = await new ApiClient(platform.baseUrl).login(email, PASSWORD);
    for (const reply of [await ana.post('/webhooks', { url: receiver.url, events: ['company-joined-cluster'], secret: SECRET }), await ana.get('/webhooks')]) {
      expect([reply.status, reply.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    }
  });

  it('ends a subscription: 204, its log is gone, and nothing more reaches it', async () => {
    const ended = (await admin.post('/webhooks', { url: `${receiver.url}/ended`, events: ['company-suspended'], secret: SECRET })).body;
    await admin.post('/webhooks', { url: `${receiver.url}/alive`, events: ['company-suspended'], secret: SECRET });

    expect((await admin.request('DELETE', `/webhooks/${ended.id}`)).status).toBe(204);
    const companyId = await aCompany('Boîtes du Jura');
    await admin.post(`/companies/${companyId}/suspend`);

    const about = (path: string) => receiver.received.filter((r) => r.path.endsWith(path) && r.rawBody.includes(companyId));
    await waitFor(() => about('/alive').length, 'the subscription still alive to receive it', 15_000);
    expect(about('/ended')).toEqual([]);
    expect((await admin.get(`/webhooks/${ended.id}/deliveries`)).body.code).toBe('WEBHOOK.NOT_FOUND');
    expect((await admin.request('DELETE', `/webhooks/${ended.id}`)).status).toBe(404);
  });
});
