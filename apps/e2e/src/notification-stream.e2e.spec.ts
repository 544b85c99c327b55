// The live stream of notifications through the gateway, fed from NATS: any
// gateway instance serves it, a ticket opens it where no header can be sent,
// and a reconnecting client gets what it missed.
import { waitFor } from '@grappes/testing';
import { ApiClient } from './support/client';
import { EventStream } from './support/event-stream';
import { sirenFrom } from './support/siren';
import { usePlatform } from './support/use-platform';

const { platform, admin } = usePlatform({ gateways: 2, env: { STREAM_HEARTBEAT_SECONDS: '1' } });
const PASSWORD = 'stream-password-1';
let adminToken: string;
let companies = 0;

beforeAll(() => {
  adminToken = admin.token!;
});

/** A company registered and suspended: federation staff are told (`Adhésion suspendue : <name>`). */
async function suspendACompany(): Promise<{ id: string; name: string }> {
  const name = `Boîtiers ${++companies}`;
  const registered = await admin.post('/companies', {
    name, siren: sirenFrom(Date.now() + companies), category: 'components-and-microtechnics', capabilities: ['cases'], region: 'Bourgogne-Franche-Comté',
  });
  expect(registered.status).toBe(201);
  expect((await admin.post(`/companies/${registered.body.id}/suspend`)).status).toBe(200);
  return { id: registered.body.id, name };
}

const titled = (stream: EventStream, title: string) => () => stream.notifications().find((n) => n.title === title);

describe('GET /notifications/stream', () => {
  it('sends each new notification of the signed-in person as it is created, as in the inbox, with heartbeats between', async () => {
    const stream = await EventStream.open(`${platform.baseUrl}/notifications/stream`, { authorization: `Bearer ${adminToken}` });
    try {
      expect([stream.status, stream.contentType]).toEqual([200, 'text/event-stream; charset=utf-8']);

      const { name } = await suspendACompany();

      const live = await waitFor(titled(stream, `Adhésion suspendue : ${name}`), 'the notification on the stream');
      const inbox = (await admin.get('/notifications')).body.items;
      expect(inbox.find((n: { id: string }) => n.id === live.id)).toEqual(live);
      expect(stream.events.find((e) => e.data.includes(live.id))).toMatchObject({ id: live.id, event: 'notification' });
      await waitFor(() => stream.comments >= 2, 'heartbeats');
    } finally {
      stream.close();
    }
  });

  it("opens on another gateway instance with a ticket from the first, and carries only the holder's notifications", async () => {
    const ticket = await admin.post('/notifications/stream-ticket');
    expect([ticket.status, ticket.body.expiresIn]).toEqual([200, 60]);
    const stream = await EventStream.open(`${platform.gatewayUrls[1]}/notifications/stream?ticket=${encodeURIComponent(ticket.body.ticket)}`);
    try {
      expect(stream.status).toBe(200);
      const { company, person } = await aCompanyWithAPerson('Axes Alpha');
      const cluster = await admin.post('/clusters', { name: `Grappe ${company}`, theme: 'cases', admission: 'open' });

      await admin.post(`/clusters/${cluster.body.id}/members`, { companyId: company });

      await waitFor(titled(stream, `Axes Alpha a rejoint la grappe Grappe ${company}`), 'the notice through the second gateway');
      // The company's person is welcomed; that welcome is theirs, not on the staff's stream.
      await waitFor(async () => (await person.get('/notifications')).body.items.some((n: { title: string }) => n.title.startsWith('Bienvenue')), 'the welcome');
      expect(stream.notifications().filter((n) => n.title.startsWith('Bienvenue'))).toEqual([]);
    } finally {
      stream.close();
    }
  });

  it('refuses a stream without a token or ticket, or with a bad one; a ticket opens nothing else', async () => {
    const ticket = (await admin.post('/notifications/stream-ticket')).body.ticket as string;
    const forged = `${ticket.split('.')[0]}.${'A'.repeat(43)}`;

    for (const refused of [
      await EventStream.open(`${platform.baseUrl}/notifications/stream`),
      await EventStream.open(`${platform.baseUrl}/notifications/stream?ticket=${encodeURIComponent(forged)}`),
      await EventStream.open(`${platform.baseUrl}/notifications/stream`, { authorization: `Bearer ${ticket}` }),
    ]) {
      expect([refused.status, refused.error?.code]).toEqual([401, 'AUTH.UNAUTHENTICATED']);
    }
    const asToken = await new ApiClient(platform.baseUrl, ticket).get('/notifications');
    expect([asToken.status, asToken.body.code]).toEqual([401, 'AUTH.UNAUTHENTICATED']);
    expect((await EventStream.open(`${platform.baseUrl}/notifications/stream?lastEventId=${'x'.repeat(65)}`, { authorization: `Bearer ${adminToken}` })).status).toBe(400);
  });

  it('resumes from Last-Event-ID: the notifications created while away come first, then the live ones', async () => {
    const first = await EventStream.open(`${platform.baseUrl}/notifications/stream`, { authorization: `Bearer ${adminToken}` });
    const seen = await (async () => {
      try {
        const { name } = await suspendACompany();
        return await waitFor(titled(first, `Adhésion suspendue : ${name}`), 'the last notification seen');
      } finally {
        first.close();
      }
    })();
    const [away1, away2] = [await suspendACompany(), await suspendACompany()];
    await waitFor(async () => (await admin.get('/notifications')).body.items.some((n: { title: string }) => n.title.endsWith(away2.name)), 'both in the inbox');

    const resumed = await EventStream.open(`${platform.gatewayUrls[1]}/notifications/stream`, { authorization: `Bearer ${adminToken}`, 'last-event-id': seen.id });
    try {
      await waitFor(titled(resumed, `Adhésion suspendue : ${away2.name}`), 'the missed notifications');
      const titles = resumed.notifications().map((n) => n.title);
      expect(titles).toEqual(expect.arrayContaining([`Adhésion suspendue : ${away1.name}`, `Adhésion suspendue : ${away2.name}`]));
      expect(titles.indexOf(`Adhésion suspendue : ${away1.name}`)).toBeLessThan(titles.indexOf(`Adhésion suspendue : ${away2.name}`));
      expect(resumed.notifications().map((n) => n.id)).not.toContain(seen.id);

      const { name } = await suspendACompany();
      await waitFor(titled(resumed, `Adhésion suspendue : ${name}`), 'a live one after the missed ones');
    } finally {
      resumed.close();
    }
  });

  it('ends the stream of a person whose access is withdrawn', async () => {
    const { company, token } = await aCompanyWithAPerson('Cadrans du Saugeais');
    const stream = await EventStream.open(`${platform.baseUrl}/notifications/stream`, { authorization: `Bearer ${token}` });
    try {
      expect(stream.status).toBe(200);

      await admin.post(`/companies/${company}/suspend`);

      await waitFor(() => stream.ended, 'the stream to end', 15_000);
    } finally {
      stream.close();
    }
  });
});

/** A company with a company-admin, signed in. */
async function aCompanyWithAPerson(name: string): Promise<{ company: string; person: ApiClient; token: string }> {
  const registered = await admin.post('/companies', {
    name, siren: sirenFrom(Date.now() + 500 + ++companies), category: 'components-and-microtechnics', capabilities: ['cases'], region: 'Bourgogne-Franche-Comté',
  });
  const email = `lea.${registered.body.id}@example.com`;
  await admin.post(`/companies/${registered.body.id}/people`, { email, firstName: 'Léa', lastName: 'Vuillemin', role: 'company-admin', password: PASSWORD });
  const token = (await new ApiClient(platform.baseUrl).post('/auth/login', { email, password: PASSWORD })).body.accessToken;
  return { company: registered.body.id, person: new ApiClient(platform.baseUrl, token), token };
}
