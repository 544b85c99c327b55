// E-mail through the whole platform: the built apps as processes, and a real
// SMTP server on loopback standing for the relay.
import { SmtpReceiver, waitFor } from '@grappes/testing';
import ICAL from 'ical.js';
import { ApiClient } from './support/client';
import { sample } from './support/metrics';
import { sirenFrom } from './support/siren';
import { usePlatform } from './support/use-platform';

const ATTENDEE = 'invitee@partner.example';
let smtp: SmtpReceiver;
beforeAll(async () => (smtp = await SmtpReceiver.start()));
const { platform, admin } = usePlatform(() => ({ env: { SMTP_URL: smtp.url, DELIVERY_POLL_MS: '100' } }));
afterAll(() => smtp?.close());

function calendarOf(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return { method: calendar.getFirstPropertyValue('method'), uid: event.getFirstPropertyValue('uid'), sequence: event.getFirstPropertyValue('sequence') };
}
const attached = (mail: { attachments: { contentType: string; content: Buffer }[] }) =>
  calendarOf(mail.attachments.find((a) => a.contentType.startsWith('text/calendar'))!.content.toString('utf8'));

describe('e-mail from the notifications service', () => {
  it('writes to a person in the language they chose with PATCH /me', async () => {
    const company = await admin.post('/companies', {
      name: 'Cadrans de Maîche', siren: sirenFrom(Date.now() + 1), category: 'components-and-microtechnics', capabilities: ['dials'], region: 'Bourgogne-Franche-Comté',
    });
    const person = { email: 'chloe@cadrans-maiche.example', firstName: 'Chloé', lastName: 'Bourgeois', role: 'company-admin', password: 'locale-password-1' };
    await admin.post(`/companies/${company.body.id}/people`, person);
    const chloe = await new ApiClient(platform.baseUrl).login(person.email, person.password);
    expect((await chloe.get('/me')).body).toMatchObject({ email: person.email, locale: 'fr' });

    const chosen = await chloe.request('PATCH', '/me', { locale: 'en' });

    expect([chosen.status, chosen.body]).toEqual([200, expect.objectContaining({ email: person.email, companyId: company.body.id, roles: ['company-admin'], locale: 'en' })]);
    expect((await chloe.get('/me')).body.locale).toBe('en');
    expect((await chloe.request('PATCH', '/me', { locale: 'de' })).body.details).toEqual([expect.objectContaining({ field: 'locale' })]);
    // The language reaches notifications by an event of its own (members stream): the registration comes once it has.
    const updatedSeen = { subject: 'events.members.person-updated', outcome: 'ok' };
    const notificationsMetrics = async () => (await fetch(`http://127.0.0.1:${platform.ports['notifications']}/metrics`)).text();
    await waitFor(async () => sample(await notificationsMetrics(), 'grappes_events_handled_total', updatedSeen) >= 1, 'the new language known', 15_000);
    const workshop = await admin.post('/workshops', {
      title: 'Atelier cadrans', theme: 'dials', startsAt: '2031-06-03T09:30:00+02:00', endsAt: '2031-06-03T12:00:00+02:00', location: 'Maîche', capacity: 3,
    });
    await admin.post(`/workshops/${workshop.body.id}/registrations`, { attendeeEmail: 'guest@partner.example', companyId: company.body.id });

    const registered = () => smtp.to(person.email).find((m) => m.subject?.includes('guest@partner.example'));
    const mail = await waitFor(registered, "Chloé's e-mail of the registration", 15_000);
    expect(mail.subject).toBe('guest@partner.example is registered for Atelier cadrans');
    expect(smtp.to(person.email).map((m) => m.subject)).toContain('New workshop: Atelier cadrans');
  });

  it("e-mails an attendee without an account with the workshop's own calendar entry, and again with the new one when it moves", async () => {
    const company = await admin.post('/companies', {
      name: 'Aiguilles du Haut-Doubs', siren: sirenFrom(Date.now()), category: 'components-and-microtechnics', capabilities: ['dials'], region: 'Bourgogne-Franche-Comté',
    });
    const workshop = await admin.post('/workshops', {
      title: 'Atelier aiguilles', theme: 'dials', startsAt: '2031-05-06T09:30:00+02:00', endsAt: '2031-05-06T12:00:00+02:00', location: 'Morteau', capacity: 3,
    });

    await admin.post(`/workshops/${workshop.body.id}/registrations`, { attendeeEmail: ATTENDEE, companyId: company.body.id });

    const [confirmation] = await waitFor(() => (smtp.to(ATTENDEE).length ? smtp.to(ATTENDEE) : undefined), 'the confirmation', 15_000);
    expect(confirmation.subject).toBe('Inscription confirmée : Atelier aiguilles');
    const served = async () => calendarOf(await (await fetch(`${platform.baseUrl}/workshops/${workshop.body.id}/calendar.ics`, {
      headers: { authorization: `Bearer ${(admin as unknown as { token: string }).token}` },
    })).text());
    expect(attached(confirmation)).toEqual({ ...(await served()), method: 'REQUEST' });

    await admin.request('PATCH', `/workshops/${workshop.body.id}`, { startsAt: '2031-05-07T09:30:00+02:00', endsAt: '2031-05-07T12:00:00+02:00' });

    const moved = await waitFor(() => smtp.to(ATTENDEE).find((m) => m.subject === 'Atelier modifié : Atelier aiguilles'), 'the reschedule', 15_000);
    expect(moved.text).toContain('mercredi 7 mai 2031 à 09:30');
    expect(attached(moved)).toEqual({ ...(await served()), method: 'REQUEST' });
    expect(Number(attached(moved).sequence)).toBeGreaterThan(Number(attached(confirmation).sequence));
  });
});
