import { requireServer, waitFor } from '@grappes/testing';
import { NatsConnection, connect } from 'nats';
import { createServer } from 'node:net';
import { ApiClient } from './support/client';
import { exited, runApp } from './support/platform';
import { usePlatform } from './support/use-platform';
import { named, workshopEventsOf } from './support/workshop-events';

const inDays = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();
const COMPANY = {
  name: 'Boîtiers Rigaud', siren: '732829320', category: 'components-and-microtechnics', capabilities: ['cases'],
  region: 'Bourgogne-Franche-Comté', city: 'Morteau',
};
const PASSWORD = 'demo-password-1';
const attendee = (i: number) => `attendee-${String(i).padStart(3, '0')}@rigaud.example`;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** How many registrations one workshops instance answered, from its own metrics. */
async function registrationsServedBy(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('grappes_rpc_requests_total') && l.includes('subject="rpc.workshops.register"') && l.includes('outcome="ok"'));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('workshop registrations: capacity and waitlist across two workshops instances', () => {
  const { platform, anonymous, admin } = usePlatform();
  let secondWorkshops: ReturnType<typeof runApp>;
  let secondPort: number;
  let nats: NatsConnection;
  let companyAdmin: ApiClient;
  let otherAdmin: ApiClient;
  let company: { id: string };
  let other: { id: string };

  const schedule = async (overrides: Record<string, unknown> = {}) =>
    (await admin.post('/workshops', { title: 'Atelier boîtiers', theme: 'cases', startsAt: inDays(10), endsAt: inDays(10, 3), location: 'Morteau', capacity: 10, ...overrides })).body;
  const register = (client: ApiClient, workshopId: string, attendeeEmail: string, companyId = company.id) =>
    client.post(`/workshops/${workshopId}/registrations`, { attendeeEmail, companyId });
  const registrations = async (workshopId: string) => (await admin.get(`/workshops/${workshopId}/registrations?limit=100`)).body.items;

  beforeAll(async () => {
    secondPort = await freePort();
    secondWorkshops = platform.adopt(runApp('workshops', {
      NODE_ENV: 'test', NATS_URL: requireServer('NATS_URL'), NATS_NAMESPACE: platform.namespace, MONGODB_URI: requireServer('MONGODB_URI'), HOST: '127.0.0.1', LOG_LEVEL: 'warn',
      OUTBOX_SWEEP_MS: '500', PORT: String(secondPort), MONGODB_DB: `e2e-${platform.runId}-workshops`,
    }));
    await waitFor(() => fetch(`http://127.0.0.1:${secondPort}/health/ready`).then((r) => r.ok), 'the second workshops instance', 30_000);
    nats = await connect({ servers: requireServer('NATS_URL') });
    company = (await admin.post('/companies', COMPANY)).body;
    other = (await admin.post('/companies', { ...COMPANY, name: 'Autre Boîtier', siren: '443061841' })).body;
    const person = (email: string) => ({ email, firstName: 'Léa', lastName: 'Roy', role: 'company-admin', password: PASSWORD });
    await admin.post(`/companies/${company.id}/people`, person('lea@rigaud.example'));
    await admin.post(`/companies/${other.id}/people`, person('lea@autre.example'));
    companyAdmin = await anonymous.login('lea@rigaud.example', PASSWORD);
    otherAdmin = await anonymous.login('lea@autre.example', PASSWORD);
  });

  afterAll(async () => {
    await nats?.close();
    secondWorkshops?.kill('SIGTERM');
    if (secondWorkshops) await exited(secondWorkshops);
  });

  it('confirms exactly 10 of 100 parallel registrations and waitlists 90 at positions 1…90, over two instances', async () => {
    const workshop = await schedule();
    const replies = await Promise.all(Array.from({ length: 100 }, (_, i) => register(admin, workshop.id, attendee(i))));
    expect(replies.map((r) => r.status)).toEqual(Array(100).fill(201));
    expect(replies.filter((r) => r.body.status === 'confirmed')).toHaveLength(10);
    const positions = replies.filter((r) => r.body.status === 'waitlisted').map((r) => r.body.position).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
    expect((await admin.get(`/workshops/${workshop.id}`)).body.seats).toEqual({ capacity: 10, confirmed: 10, waitlisted: 90 });
    const listed = await registrations(workshop.id);
    expect(listed.filter((r: { status: string }) => r.status === 'waitlisted').map((r: { position: number }) => r.position)).toEqual(positions);
    expect(await registrationsServedBy(platform.ports['workshops'])).toBeGreaterThan(0);
    expect(await registrationsServedBy(secondPort)).toBeGreaterThan(0);

    const firstInLine = replies.filter((r) => r.body.position <= 5).sort((a, b) => a.body.position - b.body.position).map((r) => r.body.id);
    const seated = replies.filter((r) => r.body.status === 'confirmed').slice(0, 5).map((r) => r.body.id);
    await Promise.all(seated.map((id) => admin.request('DELETE', `/workshops/${workshop.id}/registrations/${id}`)));
    const after = await registrations(workshop.id);
    const confirmedIds = after.filter((r: { status: string }) => r.status === 'confirmed').map((r: { id: string }) => r.id);
    expect(confirmedIds).toEqual(expect.arrayContaining(firstInLine));
    expect(after.filter((r: { status: string }) => r.status === 'waitlisted').map((r: { position: number }) => r.position)).toEqual(
      Array.from({ length: 85 }, (_, i) => i + 1),
    );
    expect((await admin.get(`/workshops/${workshop.id}`)).body.seats).toEqual({ capacity: 10, confirmed: 10, waitlisted: 85 });
  });

  it('promotes the first waitlisted attendees, in waitlist order, when confirmed ones cancel at the same time', async () => {
    const workshop = await schedule({ capacity: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await register(admin, workshop.id, attendee(i))).body.id);
    const cancels = await Promise.all(ids.slice(0, 3).map((id) => admin.request('DELETE', `/workshops/${workshop.id}/registrations/${id}`)));
    expect(cancels.map((r) => r.status)).toEqual([204, 204, 204]);
    const listed = await registrations(workshop.id);
    expect(listed.map((r: { attendeeEmail: string; status: string; position?: number }) => [r.attendeeEmail, r.status, r.position])).toEqual([
      [attendee(3), 'confirmed', undefined], [attendee(4), 'confirmed', undefined], [attendee(5), 'confirmed', undefined],
      [attendee(6), 'waitlisted', 1], [attendee(7), 'waitlisted', 2],
    ]);
    expect((await admin.get(`/workshops/${workshop.id}`)).body.seats).toEqual({ capacity: 3, confirmed: 3, waitlisted: 2 });
    const events = await waitFor(async () => {
      const all = await workshopEventsOf(platform, nats, workshop.id);
      return named(all, 'waitlist-promoted').length === 3 ? all : undefined;
    }, 'three waitlist-promoted events');
    expect(named(events, 'waitlist-promoted').map((e) => e.data['attendeeEmail']).sort()).toEqual([attendee(3), attendee(4), attendee(5)]);
    expect(named(events, 'registration-cancelled')).toHaveLength(3);
    expect(named(events, 'registration-waitlisted')[0].data).toMatchObject({ attendeeEmail: attendee(3), companyId: company.id, position: 1 });
  });

  it('refuses the same attendee twice, ignoring case and Unicode form, and takes them back after a cancellation', async () => {
    const workshop = await schedule();
    const first = await register(companyAdmin, workshop.id, 'Chloe.Mu\u0308ller@rigaud.example');
    expect(first.body).toMatchObject({ status: 'confirmed' });
    const again = await register(companyAdmin, workshop.id, 'chloe.m\u00fcller@RIGAUD.example');
    expect([again.status, again.body.code]).toEqual([409, 'REGISTRATION.DUPLICATE']);
    expect((await companyAdmin.request('DELETE', `/workshops/${workshop.id}/registrations/${first.body.id}`)).status).toBe(204);
    expect((await register(companyAdmin, workshop.id, 'chloe.m\u00fcller@rigaud.example')).status).toBe(201);
    expect((await admin.get(`/workshops/${workshop.id}`)).body.seats).toEqual({ capacity: 10, confirmed: 1, waitlisted: 0 });
  });

  it("refuses with 403 a person registering for another company or cancelling another company's registration", async () => {
    const workshop = await schedule();
    const reply = await register(otherAdmin, workshop.id, 'someone@rigaud.example');
    expect([reply.status, reply.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    const mine = (await register(companyAdmin, workshop.id, 'mine@rigaud.example')).body;
    expect((await otherAdmin.request('DELETE', `/workshops/${workshop.id}/registrations/${mine.id}`)).status).toBe(403);
  });

  it("shows a company's people only their company's registrations", async () => {
    const workshop = await schedule();
    await register(companyAdmin, workshop.id, 'a@rigaud.example');
    await register(otherAdmin, workshop.id, 'b@autre.example', other.id);
    expect((await otherAdmin.get(`/workshops/${workshop.id}/registrations`)).body.items.map((r: { attendeeEmail: string }) => r.attendeeEmail)).toEqual(['b@autre.example']);
    expect((await admin.get(`/workshops/${workshop.id}/registrations`)).body.total).toBe(2);
  });

  it('refuses with 400 a registration without a valid e-mail', async () => {
    const workshop = await schedule();
    const reply = await register(companyAdmin, workshop.id, 'not-an-email');
    expect([reply.status, reply.body.details.map((d: { field: string }) => d.field)]).toEqual([400, ['attendeeEmail']]);
  });

  it('closes registrations when the workshop starts', async () => {
    const workshop = await schedule({ startsAt: new Date(Date.now() + 1500).toISOString(), endsAt: inDays(1) });
    await new Promise((r) => setTimeout(r, 1600));
    const reply = await register(companyAdmin, workshop.id, 'late@rigaud.example');
    expect([reply.status, reply.body.code]).toEqual([422, 'WORKSHOP.STARTED']);
  });
});
