// The daily digest against real servers (MongoDB-wire and SMTP on loopback),
// with two instances gathering at the same moment.
import { getConnectionToken } from '@nestjs/mongoose';
import { SmtpReceiver, uniqueName, waitFor } from '@grappes/testing';
import { Connection } from 'mongoose';
import { NoticesModule } from '../notices/notices.module';
import { NotificationsConfig } from '../notifications.config';
import { PreferencesService } from '../preferences/preferences.service';
import { NotificationsHarness } from '../testing/harness';
import { person, personAdded, registration, registrationConfirmed, registrationWaitlisted, workshop, workshopScheduled } from '../testing/events';
import { DigestsService } from './digests.service';
import { EmailWorker } from './email.worker';
import { OutgoingEmail, OutgoingEmailDocument } from './outgoing-email.schema';

const BEFORE = '2026-03-01T09:00:00.000Z';
const AT = '2026-03-02T09:00:00.000Z';

let smtp: SmtpReceiver;
let harness: NotificationsHarness;

beforeAll(async () => {
  smtp = await SmtpReceiver.start();
  harness = await NotificationsHarness.start([NoticesModule], { SMTP_URL: smtp.url, DELIVERY_POLL_MS: 50 });
});

afterAll(async () => {
  await harness?.close();
  await smtp?.close();
});

const emails = () => harness.model<OutgoingEmailDocument>(OutgoingEmail.name);
/** Another instance of the service, on the same database. */
const anotherInstance = () =>
  new DigestsService(emails(), harness.get<Connection>(getConnectionToken()), harness.get(EmailWorker), harness.get(NotificationsConfig));
const tomorrowAtNine = () => new Date(Date.now() + 86_400_000 + 9 * 3_600_000);

/** A company-admin who chose the daily digest, told of two registrations of their company. */
async function adminWithTwoHeldEmails() {
  const companyId = uniqueName('co');
  const admin = person('company-admin', companyId);
  await harness.get(PreferencesService).set(admin.personId, { email: {}, digest: 'daily' });
  const w = workshop();
  await harness.deliver(
    personAdded(admin, BEFORE), workshopScheduled(w, BEFORE),
    registrationConfirmed(registration(w, 'ada@partner.example', companyId), AT), registrationWaitlisted(registration(w, 'leo@partner.example', companyId), AT),
  );
  return admin;
}

describe('the daily digest', () => {
  it('gathers what was held for an address until 08:00 into one e-mail, once, however many instances gather at once', async () => {
    const admin = await adminWithTwoHeldEmails();
    expect(await emails().countDocuments({ address: admin.email, status: 'held' })).toBe(2);

    await Promise.all([harness.get(DigestsService).sendDue(tomorrowAtNine()), anotherInstance().sendDue(tomorrowAtNine())]);
    // Held late for that same moment (its event was retried): it waits for the next day's digest, not a second one.
    const late = await emails().create({
      _id: uniqueName('late'), eventId: uniqueName('e'), type: 'registration-cancelled', kind: 'company', address: admin.email, locale: 'fr',
      data: {}, status: 'held', attempts: 0, nextAttemptAt: new Date(), createdAt: new Date(),
    });
    await anotherInstance().sendDue(tomorrowAtNine());
    expect((await emails().findById(late._id).lean<OutgoingEmail>())?.status).toBe('held');

    const [digest] = await waitFor(() => (smtp.to(admin.email).length ? smtp.to(admin.email) : undefined), 'the digest');
    expect(digest.subject).toBe('Grappes : 2 notifications depuis hier');
    expect(digest.text).toContain("ada@partner.example est inscrit à l'atelier");
    expect(digest.text).toContain("leo@partner.example est en liste d'attente");
    const stored = await emails().find({ address: admin.email }).lean<OutgoingEmail[]>();
    expect(stored.filter((e) => e.kind === 'digest')).toHaveLength(1);
    expect(stored.filter((e) => e.kind !== 'digest').map((e) => e.status)).toEqual(['digested', 'digested', 'held']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.to(admin.email)).toHaveLength(1);
  });

  it('leaves what was held after the last 08:00 for the next digest', async () => {
    const admin = await adminWithTwoHeldEmails();

    await harness.get(DigestsService).sendDue(new Date());

    expect(await emails().countDocuments({ address: admin.email, status: 'held' })).toBe(2);
    expect(await emails().countDocuments({ address: admin.email, kind: 'digest' })).toBe(0);
  });
});
