// Who hears of each event that concerns a person (audiences.ts), against a real
// MongoDB-wire server: the events of the people (members stream) and of the
// workshops (workshops stream) arrive in either order, and twice.
import { EventEnvelope, MEMBERS_EVENTS } from '@grappes/contracts';
import { uniqueName } from '@grappes/testing';
import { AFTER, AT, BEFORE, LATER, ORDERS, inboxOf as inboxOfIn } from '../testing/arrival';
import { NotificationsHarness } from '../testing/harness';
import {
  Person, companyEvent, person, personAdded, registration, registrationCancelled, registrationConfirmed, registrationWaitlisted,
  waitlistPromoted, workshop, workshopCancelled, workshopRescheduled,
} from '../testing/events';
import { NoticesModule } from './notices.module';

let harness: NotificationsHarness;

beforeAll(async () => {
  harness = await NotificationsHarness.start([NoticesModule]);
});

afterAll(() => harness?.close());

const inboxOf = (p: Person, events?: EventEnvelope[]) => inboxOfIn(harness, p, events);

describe.each(ORDERS)('registrations, with %s', (_order, arrange) => {
  it("tells the attendee and their company's admins once each, and no one else, even when every event comes twice", async () => {
    const companyId = uniqueName('co');
    const [admin, attendee, colleague, otherAdmin] = [
      person('company-admin', companyId), person('member', companyId), person('member', companyId), person('company-admin', uniqueName('co')),
    ];
    const people = [admin, attendee, colleague, otherAdmin].map((p) => personAdded(p, BEFORE));
    // Typed by hand at registration: another spelling of the attendee's address.
    const facts = [registrationConfirmed(registration(workshop(), attendee.email.toUpperCase(), companyId), AT)];

    const told = async () => Promise.all([attendee, admin, colleague, otherAdmin].map((p) => inboxOf(p)));

    await harness.deliver(...arrange(people, facts));
    expect(await told()).toEqual([['registration-confirmed:attendee'], ['registration-confirmed:company'], [], []]);

    await harness.deliver(...arrange(people, facts));
    expect(await told()).toEqual([['registration-confirmed:attendee'], ['registration-confirmed:company'], [], []]);
  });

  it('tells an admin who registers themself once, as the attendee', async () => {
    const companyId = uniqueName('co');
    const admin = person('company-admin', companyId);

    await harness.deliver(...arrange([personAdded(admin, BEFORE)], [registrationConfirmed(registration(workshop(), admin.email, companyId), AT)]));

    expect(await inboxOf(admin)).toEqual(['registration-confirmed:attendee']);
  });

  it("tells the attendee whenever their account was made, but not an admin added after the registration", async () => {
    const companyId = uniqueName('co');
    const [lateAdmin, lateAttendee] = [person('company-admin', companyId), person('member', companyId)];
    const people = [personAdded(lateAdmin, AFTER), personAdded(lateAttendee, AFTER)];

    await harness.deliver(...arrange(people, [registrationConfirmed(registration(workshop(), lateAttendee.email, companyId), AT)]));

    expect(await inboxOf(lateAttendee)).toEqual(['registration-confirmed:attendee']);
    expect(await inboxOf(lateAdmin)).toEqual([]);
  });

  it('tells the attendee and the admins of being waitlisted, promoted and cancelled', async () => {
    const companyId = uniqueName('co');
    const [admin, attendee] = [person('company-admin', companyId), person('member', companyId)];
    const r = registration(workshop(), attendee.email, companyId);
    const facts = [registrationWaitlisted(r, AT), waitlistPromoted(r, AFTER, 2), registrationCancelled(r, LATER, 3)];

    await harness.deliver(...arrange([personAdded(admin, BEFORE), personAdded(attendee, BEFORE)], facts));

    const kinds = ['registration-cancelled', 'registration-waitlisted', 'waitlist-promoted'];
    expect(await inboxOf(attendee)).toEqual(kinds.map((k) => `${k}:attendee`));
    expect(await inboxOf(admin)).toEqual(kinds.map((k) => `${k}:company`));
  });
});

describe.each(ORDERS)('changes to a workshop, with %s', (_order, arrange) => {
  it('tells every registrant of the moment of a reschedule: confirmed or waitlisted, not those who left before or came after', async () => {
    const companyId = uniqueName('co');
    const [confirmed, waitlisted, gone, newcomer] = ['member', 'member', 'member', 'member'].map(() => person('member', companyId));
    const w = workshop();
    const [rc, rw, rg, rn] = [confirmed, waitlisted, gone, newcomer].map((p) => registration(w, p.email, companyId));
    const people = [confirmed, waitlisted, gone, newcomer].map((p) => personAdded(p, BEFORE));
    // The registrations first in one delivery, the reschedule first in the other: both retried out of order.
    const registrations = [registrationConfirmed(rc, BEFORE), registrationWaitlisted(rw, BEFORE), registrationConfirmed(rg, BEFORE), registrationCancelled(rg, AT), registrationConfirmed(rn, LATER)];
    const rescheduled = workshopRescheduled(w, AFTER);

    const told = async () => Promise.all([confirmed, waitlisted, gone, newcomer].map((p) => inboxOf(p)));
    const expected = [
      ['registration-confirmed:attendee', 'workshop-rescheduled:registrant'],
      ['registration-waitlisted:attendee', 'workshop-rescheduled:registrant'],
      ['registration-cancelled:attendee', 'registration-confirmed:attendee'],
      ['registration-confirmed:attendee'],
    ];

    await harness.deliver(...arrange(people, [...registrations, rescheduled]));
    expect(await told()).toEqual(expected);

    await harness.deliver(...arrange(people, [rescheduled, ...registrations].reverse()));
    expect(await told()).toEqual(expected);
  });

  it('tells a registrant of a reschedule handled before their registration and their account', async () => {
    const companyId = uniqueName('co');
    const attendee = person('member', companyId);
    const w = workshop();
    const late = [workshopRescheduled(w, AFTER), registrationConfirmed(registration(w, attendee.email, companyId), AT)];

    await harness.deliver(...arrange([personAdded(attendee, BEFORE)], late));

    expect(await inboxOf(attendee)).toEqual(['registration-confirmed:attendee', 'workshop-rescheduled:registrant']);
  });

  it('tells every attendee a cancellation ended', async () => {
    const companyId = uniqueName('co');
    const [a, b] = [person('member', companyId), person('company-admin', companyId)];
    const w = workshop();

    await harness.deliver(...arrange([personAdded(a, BEFORE), personAdded(b, BEFORE)], [workshopCancelled(w, AT, [registration(w, a.email, companyId)])]));

    expect(await inboxOf(a)).toEqual(['workshop-cancelled:registrant']);
    expect(await inboxOf(b)).toEqual([]);
  });
});

describe.each(ORDERS)('a company suspended or gone, with %s', (_order, arrange) => {
  it.each([MEMBERS_EVENTS.companySuspended, MEMBERS_EVENTS.companyDeactivated])('tells federation staff of $name, not staff added after', async (def) => {
    const companyId = uniqueName('co');
    const [staff, newStaff, ofTheCompany] = [person('federation-admin'), person('federation-admin'), person('company-admin', companyId)];
    const people = [personAdded(staff, BEFORE), personAdded(newStaff, AFTER), personAdded(ofTheCompany, BEFORE)];

    const event = companyEvent(def, companyId, AT);

    const told = async () => Promise.all([staff, newStaff, ofTheCompany].map((p) => inboxOf(p, [event])));

    await harness.deliver(...arrange(people, [event]));
    expect(await told()).toEqual([[`${def.name}:notice`], [], []]);

    await harness.deliver(event);
    expect(await told()).toEqual([[`${def.name}:notice`], [], []]);
  });
});
