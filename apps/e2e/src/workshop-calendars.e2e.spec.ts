import ICAL from 'ical.js';
import { waitFor } from '@grappes/testing';
import { ApiClient } from './support/client';
import { usePlatform } from './support/use-platform';

const inDays = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();
const COMPANY = {
  name: 'Bracelets Jacquet', siren: '732829320', category: 'components-and-microtechnics', capabilities: ['straps'],
  region: 'Bourgogne-Franche-Comté', city: 'Besançon',
};
const PASSWORD = 'demo-password-1';

/** Reads a calendar back with another library than the one that wrote it. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zone = calendar.getFirstSubcomponent('vtimezone');
  if (zone) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => ({
    uid: vevent.getFirstPropertyValue('uid'),
    sequence: vevent.getFirstPropertyValue('sequence'),
    status: vevent.getFirstPropertyValue('status'),
    tzid: vevent.getFirstProperty('dtstart')!.getParameter('tzid'),
    start: new ICAL.Event(vevent).startDate.toJSDate().toISOString(),
    stamp: vevent.getFirstProperty('dtstamp')!.toICALString(),
  }));
  return { method: calendar.getFirstPropertyValue('method'), timezone: zone?.getFirstPropertyValue('tzid'), events };
}

describe('workshop calendars: iCalendar files, cluster feeds and private subscription URLs', () => {
  const { platform, anonymous, admin } = usePlatform();
  let person: ApiClient;
  let company: { id: string };
  let cluster: { id: string };
  let token = '';

  const ics = async (path: string, authorization?: string) => {
    const response = await fetch(`${platform.baseUrl}${path}`, { headers: authorization ? { authorization } : {} });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };
  const withToken = (client: ApiClient) => `Bearer ${(client as unknown as { token: string }).token}`;
  const schedule = async (overrides: Record<string, unknown> = {}) =>
    (await admin.post('/workshops', {
      title: 'Atelier bracelets', theme: 'straps', clusterId: cluster.id, startsAt: '2031-03-04T09:30:00+01:00', endsAt: '2031-03-04T12:30:00+01:00',
      location: 'Besançon', capacity: 5, ...overrides,
    })).body;

  beforeAll(async () => {
    company = (await admin.post('/companies', COMPANY)).body;
    cluster = (await admin.post('/clusters', { name: 'Grappe Bracelets', theme: 'straps', admission: 'open', coordinatorCompanyId: company.id })).body;
    await admin.post(`/companies/${company.id}/people`, { email: 'lou@jacquet.example', firstName: 'Lou', lastName: 'Jacquet', role: 'member', password: PASSWORD });
    person = await anonymous.login('lou@jacquet.example', PASSWORD);
  });

  it('round-trips a workshop: one event in Europe/Paris with a stable UID, SEQUENCE up on a reschedule, METHOD:CANCEL once cancelled', async () => {
    const workshop = await schedule();
    const first = await ics(`/workshops/${workshop.id}/calendar.ics`, withToken(person));
    expect([first.status, first.type]).toEqual([200, 'text/calendar; charset=utf-8']);
    const scheduled = parse(first.text);
    expect(scheduled).toMatchObject({ method: 'REQUEST', timezone: 'Europe/Paris' });
    expect(scheduled.events).toEqual([
      expect.objectContaining({ uid: `${workshop.id}@grappes`, sequence: 0, status: 'CONFIRMED', tzid: 'Europe/Paris', start: '2031-03-04T08:30:00.000Z' }),
    ]);
    expect(scheduled.events[0].stamp).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);

    await admin.request('PATCH', `/workshops/${workshop.id}`, { startsAt: '2031-07-01T14:00:00+02:00', endsAt: '2031-07-01T17:00:00+02:00' });
    const moved = parse((await ics(`/workshops/${workshop.id}/calendar.ics`, withToken(person))).text);
    expect(moved.events[0]).toMatchObject({ uid: `${workshop.id}@grappes`, sequence: 1, start: '2031-07-01T12:00:00.000Z' });

    await admin.post(`/workshops/${workshop.id}/cancel`);
    const cancelled = parse((await ics(`/workshops/${workshop.id}/calendar.ics`, withToken(person))).text);
    expect(cancelled.method).toBe('CANCEL');
    expect(cancelled.events[0]).toMatchObject({ uid: `${workshop.id}@grappes`, sequence: 2, status: 'CANCELLED' });
    expect((await ics(`/workshops/${workshop.id}/calendar.ics`)).status).toBe(401);
  });

  it("publishes the cluster's workshops as a feed, cancelled ones marked STATUS:CANCELLED", async () => {
    const kept = await schedule({ title: 'Atelier maintenu' });
    const dropped = await schedule({ title: 'Atelier annulé' });
    await admin.post(`/workshops/${dropped.id}/cancel`);
    const feed = parse((await ics(`/clusters/${cluster.id}/calendar.ics`, withToken(person))).text);
    expect(feed.method).toBe('PUBLISH');
    const byUid = Object.fromEntries(feed.events.map((e) => [e.uid, e.status]));
    expect(byUid).toMatchObject({ [`${kept.id}@grappes`]: 'CONFIRMED', [`${dropped.id}@grappes`]: 'CANCELLED' });
    expect((await ics('/clusters/no-such-cluster/calendar.ics', withToken(person))).status).toBe(404);
  });

  it('serves a private feed without a bearer token, opening nothing else, until the token is rotated', async () => {
    const open = (await admin.post('/workshops', {
      title: 'Atelier ouvert', theme: 'logistics', startsAt: inDays(20), endsAt: inDays(20, 2), location: 'Morteau', capacity: 5,
    })).body;
    const elsewhere = (await admin.post('/workshops', {
      title: 'Atelier sans moi', theme: 'logistics', startsAt: inDays(21), endsAt: inDays(21, 2), location: 'Morteau', capacity: 5,
    })).body;
    await person.post(`/workshops/${open.id}/registrations`, { attendeeEmail: 'LOU@jacquet.example', companyId: company.id });
    const issued = await person.get('/me/calendar-token');
    expect(issued.status).toBe(200);
    expect((await person.get('/me/calendar-token')).body.token).toBe(issued.body.token);
    token = issued.body.token;
    expect(issued.body.url).toBe(`${platform.baseUrl}/calendar/${token}.ics`);

    const feed = await fetch(issued.body.url);
    expect([feed.status, feed.headers.get('content-type')]).toEqual([200, 'text/calendar; charset=utf-8']);
    const uids = parse(await feed.text()).events.map((e) => e.uid);
    expect(uids).toContain(`${open.id}@grappes`);
    expect(uids.filter((uid) => String(uid).startsWith(elsewhere.id))).toEqual([]);
    expect(uids.length).toBeGreaterThan(1);
    expect((await ics('/me', `Bearer ${token}`)).status).toBe(401);

    const rotated = await person.post('/me/calendar-token');
    expect(rotated.body.token).not.toBe(token);
    expect((await fetch(issued.body.url)).status).toBe(404);
    expect((await fetch(rotated.body.url)).status).toBe(200);
  });

  it("stops a person's private feed once the person is removed", async () => {
    const added = (await admin.post(`/companies/${company.id}/people`, {
      email: 'partante@jacquet.example', firstName: 'Inès', lastName: 'Jacquet', role: 'member', password: PASSWORD,
    })).body;
    const leaving = await new ApiClient(platform.baseUrl).login('partante@jacquet.example', PASSWORD);
    const { url } = (await leaving.get('/me/calendar-token')).body;
    expect((await fetch(url)).status).toBe(200);

    expect((await admin.request('DELETE', `/companies/${company.id}/people/${added.id}`)).status).toBe(204);

    await waitFor(async () => (await fetch(url)).status === 404, 'the feed refused');
  });
});
