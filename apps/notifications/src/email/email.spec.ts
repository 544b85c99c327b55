// E-mail against real servers: a MongoDB-wire server and an SMTP server on
// loopback whose messages are parsed as a mail client reads them.
import { NOTIFICATIONS_EVENTS } from '@grappes/contracts';
import { SmtpReceiver, uniqueName, waitFor } from '@grappes/testing';
import ICAL from 'ical.js';
import { NoticesModule } from '../notices/notices.module';
import { PreferencesService } from '../preferences/preferences.service';
import { NotificationsHarness } from '../testing/harness';
import { person, personAdded, personUpdated, registration, registrationCancelled, registrationConfirmed, workshop, workshopScheduled } from '../testing/events';
import { OutgoingEmail, OutgoingEmailDocument } from './outgoing-email.schema';

const BEFORE = '2026-03-01T09:00:00.000Z';
const AT = '2026-03-02T09:00:00.000Z';
const SMTP = { user: 'grappes', password: 'relay-secret-password' };

let smtp: SmtpReceiver;
let harness: NotificationsHarness;

beforeAll(async () => {
  smtp = await SmtpReceiver.start(SMTP);
  harness = await NotificationsHarness.start([NoticesModule], {
    SMTP_URL: smtp.url, DELIVERY_POLL_MS: 50, DELIVERY_RETRY_BASE_MS: 20, DELIVERY_MAX_ATTEMPTS: 3,
  });
});

afterAll(async () => {
  await harness?.close();
  await smtp?.close();
});

const emails = () => harness.model<OutgoingEmailDocument>(OutgoingEmail.name);
const settled = (address: string) => async () => {
  const queued = await emails().find({ address }).lean<OutgoingEmail[]>();
  return queued.length > 0 && queued.every((e) => ['sent', 'failed', 'held', 'digested'].includes(e.status)) ? queued : undefined;
};

function calendarOf(mail: { attachments: { contentType: string; content: Buffer }[] }) {
  const attachment = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!attachment) return undefined;
  const calendar = new ICAL.Component(ICAL.parse(attachment.content.toString('utf8')));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return { method: calendar.getFirstPropertyValue('method'), uid: event.getFirstPropertyValue('uid'), status: event.getFirstPropertyValue('status') };
}

describe('e-mail', () => {
  it("e-mails an attendee without an account in French with the workshop's calendar entry, and their admin in their language, once", async () => {
    const companyId = uniqueName('co');
    const admin = person('company-admin', companyId);
    const w = workshop();
    const attendee = `${uniqueName('ext')}@partner.example`;
    const events = [personAdded(admin, BEFORE, { locale: 'en' }), workshopScheduled(w, BEFORE), registrationConfirmed(registration(w, attendee, companyId), AT)];

    await harness.deliver(...events);
    await waitFor(() => smtp.to(attendee).length && smtp.to(admin.email).length, 'both e-mails');
    await harness.deliver(...events);
    await waitFor(settled(attendee), 'nothing left to send');

    const [toAttendee] = smtp.to(attendee);
    expect(toAttendee.subject).toBe(`Inscription confirmée : ${w.title}`);
    expect(toAttendee.text).toContain('Votre place est réservée');
    expect(calendarOf(toAttendee)).toEqual({ method: 'REQUEST', uid: `${w.workshopId}@grappes`, status: 'CONFIRMED' });
    const [toAdmin] = smtp.to(admin.email);
    expect(toAdmin.subject).toBe(`${attendee} is registered for ${w.title}`);
    expect(calendarOf(toAdmin)).toBeUndefined();
    expect([smtp.to(attendee).length, smtp.to(admin.email).length]).toEqual([1, 1]);
    expect(smtp.passwords.every((p) => p === SMTP.password)).toBe(true);
  });

  it('writes in the language a person chose later, whichever of their events arrives first', async () => {
    const companyId = uniqueName('co');
    const admin = person('company-admin', companyId);
    const w = workshop();

    await harness.deliver(personUpdated(admin, AT, 2, { locale: 'en' }), personAdded(admin, BEFORE), workshopScheduled(w, BEFORE));
    await harness.deliver(registrationConfirmed(registration(w, `${uniqueName('ext')}@partner.example`, companyId), AT));

    const [mail] = await waitFor(() => (smtp.to(admin.email).length ? smtp.to(admin.email) : undefined), "the admin's e-mail");
    expect(mail.subject).toContain('is registered for');
  });

  it('withdraws the calendar entry when the registration is cancelled', async () => {
    const w = workshop();
    const attendee = `${uniqueName('ext')}@partner.example`;
    const r = registration(w, attendee, uniqueName('co'));

    await harness.deliver(workshopScheduled(w, BEFORE), registrationConfirmed(r, AT), registrationCancelled(r, AT));

    await waitFor(() => smtp.to(attendee).length === 2, 'two e-mails');
    const cancelled = smtp.to(attendee).find((m) => m.subject?.startsWith('Inscription annulée'))!;
    expect(calendarOf(cancelled)).toEqual({ method: 'CANCEL', uid: `${w.workshopId}@grappes`, status: 'CANCELLED' });
  });

  it("follows preferences: a type turned off is not e-mailed, but what concerns one's own registration always is, at once", async () => {
    const companyId = uniqueName('co');
    const [admin, attendee] = [person('company-admin', companyId), person('member', companyId)];
    const preferences = harness.get(PreferencesService);
    await preferences.set(admin.personId, { email: { 'registration-confirmed': false }, digest: 'immediate' });
    await preferences.set(attendee.personId, { email: { 'registration-confirmed': false }, digest: 'daily' });
    const w = workshop();

    await harness.deliver(personAdded(admin, BEFORE), personAdded(attendee, BEFORE), workshopScheduled(w, BEFORE), registrationConfirmed(registration(w, attendee.email, companyId), AT));

    await waitFor(() => smtp.to(attendee.email).length, "the attendee's e-mail");
    await waitFor(settled(attendee.email), 'nothing left to send');
    expect(await emails().countDocuments({ address: admin.email, type: 'registration-confirmed' })).toBe(0);
  });

  it('retries a refused e-mail until the relay takes it, and records that it was delivered', async () => {
    const w = workshop();
    const attendee = `${uniqueName('ext')}@partner.example`;
    smtp.refuseNext(2);

    await harness.deliver(workshopScheduled(w, BEFORE), registrationConfirmed(registration(w, attendee, uniqueName('co')), AT));

    const [sent] = await waitFor(settled(attendee), 'the e-mail sent at last');
    expect(sent).toMatchObject({ status: 'sent', attempts: 3 });
    expect(smtp.to(attendee)).toHaveLength(1);
    const delivered = (await emails().findById(sent._id).lean<OutgoingEmailDocument>())!;
    expect(delivered.pendingEvents.map((e) => e.type)).toEqual([NOTIFICATIONS_EVENTS.notificationDelivered.type]);
  });

  it('keeps an e-mail as failed after its last attempt, with the reason and its notification-failed event, and no secret in it', async () => {
    const w = workshop();
    const attendee = `${uniqueName('ext')}@partner.example`;
    smtp.refuseNext(3);

    await harness.deliver(workshopScheduled(w, BEFORE), registrationConfirmed(registration(w, attendee, uniqueName('co')), AT));

    const [failed] = await waitFor(settled(attendee), 'the e-mail given up');
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, lastError: expect.stringContaining('451') });
    const stored = (await emails().findById(failed._id).lean<OutgoingEmailDocument>())!;
    expect(stored.pendingEvents).toEqual([expect.objectContaining({ type: NOTIFICATIONS_EVENTS.notificationFailed.type, data: expect.objectContaining({ recipient: attendee, attempts: 3 }) })]);
    expect(JSON.stringify(stored)).not.toContain(SMTP.password);
    expect(smtp.to(attendee)).toHaveLength(0);
  });
});
