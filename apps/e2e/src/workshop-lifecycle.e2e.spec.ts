import { requireServer, sleep, waitFor } from '@grappes/testing';
import { NatsConnection, StringCodec, connect, headers } from 'nats';
import { ApiClient } from './support/client';
import { usePlatform } from './support/use-platform';
import { named, workshopEventsOf } from './support/workshop-events';

const inDays = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();
const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
const COMPANY = {
  name: 'Aiguilles Vermot', siren: '732829320', category: 'components-and-microtechnics', capabilities: ['dials'],
  region: 'Bourgogne-Franche-Comté', city: 'Maîche',
};
const PASSWORD = 'demo-password-1';
type Row = { id: string; attendeeEmail: string; status: string; position?: number };

describe('workshops: cluster rules, reschedule, cancel, attendance and reactions to companies leaving', () => {
  const { platform, anonymous, admin } = usePlatform();
  let nats: NatsConnection;
  let coordinator: ApiClient;
  let plainMember: ApiClient;
  const companies: Record<'coordinating' | 'member' | 'outsider' | 'leaving', string> = { coordinating: '', member: '', outsider: '', leaving: '' };
  let cluster: { id: string };

  const schedule = async (overrides: Record<string, unknown> = {}) =>
    (await admin.post('/workshops', {
      title: 'Atelier cadrans', theme: 'dials', clusterId: cluster.id, startsAt: inDays(10), endsAt: inDays(10, 3), location: 'Maîche', capacity: 2, ...overrides,
    })).body;
  const register = (workshopId: string, attendeeEmail: string, companyId: string) =>
    admin.post(`/workshops/${workshopId}/registrations`, { attendeeEmail, companyId });
  const rows = async (workshopId: string): Promise<Row[]> => (await admin.get(`/workshops/${workshopId}/registrations`)).body.items;
  const seats = async (workshopId: string) => (await admin.get(`/workshops/${workshopId}`)).body.seats;
  const handled = async (subject: string) => {
    const text = await (await fetch(`http://127.0.0.1:${platform.ports['workshops']}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('grappes_events_handled_total') && l.includes(`subject="${subject}"`) && l.includes('outcome="ok"'));
    return line ? Number(line.split(' ').pop()) : 0;
  };
  /** Delivers an event again, as a replay from the dead letters would: JetStream takes it as a new message. */
  const redeliver = async (stream: string, subject: string) => {
    const jsm = await nats.jetstreamManager();
    const message = await jsm.streams.getMessage(platform.stream(stream), { last_by_subj: platform.subject(subject) });
    const event = JSON.parse(StringCodec().decode(message.data));
    const h = headers();
    h.set('Nats-Msg-Id', `${event.id}:replay:e2e`);
    await nats.jetstream().publish(platform.subject(subject), message.data, { headers: h });
  };

  beforeAll(async () => {
    nats = await connect({ servers: requireServer('NATS_URL') });
    const sirens = { coordinating: '732829320', member: '443061841', outsider: '542051180', leaving: '552100554' };
    for (const [key, siren] of Object.entries(sirens)) {
      companies[key as keyof typeof companies] = (await admin.post('/companies', { ...COMPANY, name: `Vermot ${key}`, siren })).body.id;
    }
    cluster = (await admin.post('/clusters', { name: 'Grappe Cadrans', theme: 'dials', admission: 'open', coordinatorCompanyId: companies.coordinating })).body;
    for (const key of ['member', 'leaving'] as const) await admin.post(`/clusters/${cluster.id}/members`, { companyId: companies[key] });
    const person = (email: string, role: string) => ({ email, firstName: 'Léa', lastName: 'Roy', role, password: PASSWORD });
    await admin.post(`/companies/${companies.coordinating}/people`, person('chef@vermot.example', 'company-admin'));
    await admin.post(`/companies/${companies.coordinating}/people`, person('membre@vermot.example', 'member'));
    coordinator = await anonymous.login('chef@vermot.example', PASSWORD);
    plainMember = await anonymous.login('membre@vermot.example', PASSWORD);
  });

  afterAll(() => nats?.close());

  it("refuses with 422 a company that is not a member of the workshop's cluster", async () => {
    const workshop = await schedule();
    const reply = await register(workshop.id, 'x@outsider.example', companies.outsider);
    expect([reply.status, reply.body.code]).toEqual([422, 'WORKSHOP.COMPANY_NOT_IN_CLUSTER']);
    expect((await register(workshop.id, 'x@member.example', companies.member)).status).toBe(201);
  });

  it("lets the coordinator's company-admins manage the cluster's workshops, not its plain members", async () => {
    const workshop = await schedule();
    expect((await plainMember.request('PATCH', `/workshops/${workshop.id}`, { title: 'Autre titre' })).status).toBe(403);
    expect((await plainMember.get(`/workshops/${workshop.id}/registrations`)).body.total).toBe(0);
    const edited = await coordinator.request('PATCH', `/workshops/${workshop.id}`, { title: 'Atelier cadrans, nouveau titre' });
    expect([edited.status, edited.body.title]).toEqual([200, 'Atelier cadrans, nouveau titre']);
  });

  it('reschedules a workshop: workshop-rescheduled when the time or place moves, and the calendar sequence goes up', async () => {
    const workshop = await schedule();
    const moved = await coordinator.request('PATCH', `/workshops/${workshop.id}`, { startsAt: inDays(11), endsAt: inDays(11, 2), location: 'Morteau' });
    expect(moved.body).toMatchObject({ location: 'Morteau', sequence: workshop.sequence + 1 });
    const backwards = await coordinator.request('PATCH', `/workshops/${workshop.id}`, { endsAt: inDays(10) });
    expect([backwards.status, backwards.body.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    const events = await waitFor(async () => named(await workshopEventsOf(platform, nats, workshop.id), 'workshop-rescheduled'), 'workshop-rescheduled');
    expect(events[0].data).toMatchObject({ location: 'Morteau', sequence: 1 });
  });

  it('promotes as many as a raised capacity frees, and refuses with 422 a capacity below the confirmed seats', async () => {
    const workshop = await schedule();
    for (const name of ['a', 'b', 'c', 'd']) await register(workshop.id, `${name}@member.example`, companies.member);
    const lowered = await admin.request('PATCH', `/workshops/${workshop.id}`, { capacity: 1 });
    expect([lowered.status, lowered.body.code]).toEqual([422, 'WORKSHOP.CAPACITY_BELOW_CONFIRMED']);
    expect((await admin.request('PATCH', `/workshops/${workshop.id}`, { capacity: 3 })).body.seats).toEqual({ capacity: 3, confirmed: 3, waitlisted: 1 });
    expect((await rows(workshop.id)).map((r) => [r.attendeeEmail, r.status, r.position])).toEqual([
      ['a@member.example', 'confirmed', undefined], ['b@member.example', 'confirmed', undefined], ['c@member.example', 'confirmed', undefined],
      ['d@member.example', 'waitlisted', 1],
    ]);
    await waitFor(async () => named(await workshopEventsOf(platform, nats, workshop.id), 'waitlist-promoted').length === 1, 'c promoted');
  });

  it('cancels a workshop with its registrations, emitting workshop-cancelled with the attendees', async () => {
    const workshop = await schedule();
    await register(workshop.id, 'a@member.example', companies.member);
    const cancelled = await coordinator.post(`/workshops/${workshop.id}/cancel`);
    expect([cancelled.status, cancelled.body.status, cancelled.body.seats]).toEqual([200, 'cancelled', { capacity: 2, confirmed: 0, waitlisted: 0 }]);
    expect((await rows(workshop.id))).toEqual([]);
    expect((await register(workshop.id, 'b@member.example', companies.member)).body.code).toBe('WORKSHOP.CANCELLED');
    const events = await waitFor(async () => named(await workshopEventsOf(platform, nats, workshop.id), 'workshop-cancelled'), 'workshop-cancelled');
    expect(events[0].data.attendees).toEqual([expect.objectContaining({ attendeeEmail: 'a@member.example', companyId: companies.member })]);
  });

  it('records attendance once the workshop has started, refuses edits once it has ended, and adds attendance to the figures', async () => {
    const workshop = await schedule({ startsAt: inSeconds(2), endsAt: inSeconds(4) });
    const a = (await register(workshop.id, 'a@member.example', companies.member)).body;
    await register(workshop.id, 'b@member.example', companies.member);
    const early = await coordinator.post(`/workshops/${workshop.id}/attendance`, { registrationIds: [a.id] });
    expect([early.status, early.body.code]).toEqual([422, 'WORKSHOP.NOT_STARTED']);
    await sleep(2100);
    expect((await coordinator.post(`/workshops/${workshop.id}/attendance`, { registrationIds: ['unknown'] })).body.code).toBe('REGISTRATION.NOT_CONFIRMED');
    expect((await coordinator.post(`/workshops/${workshop.id}/attendance`, { registrationIds: [a.id] })).body).toEqual({ attended: 1 });
    const attendance = (await admin.get('/stats')).body.workshopAttendance;
    expect(attendance).toContainEqual({ clusterId: cluster.id, workshops: 1, attended: 1 });
    await waitFor(async () => named(await workshopEventsOf(platform, nats, workshop.id), 'attendance-recorded').length === 1, 'attendance-recorded');
    await sleep(2000);
    expect((await coordinator.request('PATCH', `/workshops/${workshop.id}`, { location: 'Ailleurs' })).body.code).toBe('WORKSHOP.ENDED');
    expect((await coordinator.post(`/workshops/${workshop.id}/cancel`)).body.code).toBe('WORKSHOP.ENDED');
  });

  it("cancels a company's upcoming registrations when it leaves the cluster, promoting the waitlist, and ignores the event delivered again after it rejoined", async () => {
    const workshop = await schedule({ capacity: 1 });
    await register(workshop.id, 'a@leaving.example', companies.leaving);
    await register(workshop.id, 'b@member.example', companies.member);
    expect((await admin.request('DELETE', `/clusters/${cluster.id}/members/${companies.leaving}`)).status).toBe(204);
    await waitFor(async () => (await rows(workshop.id)).length === 1, "the leaving company's registration cancelled");
    expect((await rows(workshop.id)).map((r) => [r.attendeeEmail, r.status])).toEqual([['b@member.example', 'confirmed']]);

    const joins = await handled('events.clusters.company-joined-cluster');
    expect((await admin.post(`/clusters/${cluster.id}/members`, { companyId: companies.leaving })).status).toBe(201);
    await waitFor(async () => (await handled('events.clusters.company-joined-cluster')) === joins + 1, 'the rejoin seen by workshops');
    expect((await register(workshop.id, 'a@leaving.example', companies.leaving)).body).toMatchObject({ status: 'waitlisted', position: 1 });
    const before = await handled('events.clusters.company-left-cluster');
    await redeliver('EVENTS_CLUSTERS', 'events.clusters.company-left-cluster');
    await waitFor(async () => (await handled('events.clusters.company-left-cluster')) === before + 1, 'the duplicate handled');
    expect((await rows(workshop.id)).map((r) => [r.attendeeEmail, r.status])).toEqual([['b@member.example', 'confirmed'], ['a@leaving.example', 'waitlisted']]);
    expect(await seats(workshop.id)).toEqual({ capacity: 1, confirmed: 1, waitlisted: 1 });
  });

  it('cancels every upcoming registration of a company that leaves the federation, once, even when the event comes twice', async () => {
    const open = await schedule({ clusterId: undefined, theme: 'logistics', capacity: 1 });
    const inCluster = await schedule({ capacity: 1 });
    await register(open.id, 'a@leaving.example', companies.leaving);
    await register(open.id, 'b@member.example', companies.member);
    await register(inCluster.id, 'c@leaving.example', companies.leaving);
    expect((await admin.post(`/companies/${companies.leaving}/deactivate`)).status).toBeLessThan(300);
    await waitFor(async () => (await rows(open.id)).length === 1 && (await rows(inCluster.id)).length === 0, 'registrations cancelled');
    expect((await rows(open.id)).map((r) => [r.attendeeEmail, r.status])).toEqual([['b@member.example', 'confirmed']]);
    const before = await handled('events.members.company-deactivated');
    await redeliver('EVENTS_MEMBERS', 'events.members.company-deactivated');
    await waitFor(async () => (await handled('events.members.company-deactivated')) === before + 1, 'the duplicate handled');
    expect(await seats(open.id)).toEqual({ capacity: 1, confirmed: 1, waitlisted: 0 });
    expect(named(await workshopEventsOf(platform, nats, open.id), 'registration-cancelled').map((e) => e.data.reason)).toEqual(['company-deactivated']);
    expect((await register(open.id, 'z@leaving.example', companies.leaving)).body.code).toBe('COMPANY.NOT_ACTIVE');
  });
});
