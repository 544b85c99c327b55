import { waitFor } from '@grappes/testing';
import { ApiClient } from './support/client';
import { usePlatform } from './support/use-platform';

const inDays = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();
const COORDINATOR = {
  name: 'Cadrans Vuillemard', siren: '732829320', category: 'components-and-microtechnics', capabilities: ['dials'],
  region: 'Bourgogne-Franche-Comté', city: 'Maîche',
};
const PASSWORD = 'demo-password-1';

describe('workshops: scheduling and listing through the gateway', () => {
  const { anonymous, admin } = usePlatform();
  let coordinator: ApiClient;
  let outsider: ApiClient;
  let dials: { id: string };
  let cases: { id: string };

  const workshop = (overrides: Record<string, unknown> = {}) => ({
    title: 'Atelier cadrans : émail grand feu', theme: 'dials', clusterId: dials.id, startsAt: inDays(14), endsAt: inDays(14, 3),
    location: 'Maîche, salle des fêtes', capacity: 12, ...overrides,
  });

  beforeAll(async () => {
    const company = (await admin.post('/companies', COORDINATOR)).body;
    const other = (await admin.post('/companies', { ...COORDINATOR, name: 'Autre Atelier', siren: '443061841' })).body;
    dials = (await admin.post('/clusters', { name: 'Grappe Cadrans', theme: 'dials', admission: 'open', coordinatorCompanyId: company.id })).body;
    cases = (await admin.post('/clusters', { name: 'Grappe Boîtiers', theme: 'cases', admission: 'open' })).body;
    const person = (email: string) => ({ email, firstName: 'Léa', lastName: 'Roy', role: 'company-admin', password: PASSWORD });
    await admin.post(`/companies/${company.id}/people`, person('lea@vuillemard.example'));
    await admin.post(`/companies/${other.id}/people`, person('lea@autre.example'));
    coordinator = await anonymous.login('lea@vuillemard.example', PASSWORD);
    outsider = await anonymous.login('lea@autre.example', PASSWORD);
  });

  it("lets the cluster's coordinator schedule a workshop, with its seats", async () => {
    const reply = await coordinator.post('/workshops', workshop());
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ id: expect.any(String), status: 'scheduled', clusterId: dials.id, seats: { capacity: 12, confirmed: 0, waitlisted: 0 } });
    expect((await admin.get(`/workshops/${reply.body.id}`)).body.title).toBe('Atelier cadrans : émail grand feu');
  });

  it('refuses with 403 a company that coordinates neither the cluster nor anything', async () => {
    const reply = await outsider.post('/workshops', workshop());
    expect([reply.status, reply.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    expect((await coordinator.post('/workshops', workshop({ theme: 'cases', clusterId: cases.id }))).status).toBe(403);
  });

  it('refuses with 400 a workshop that ends before it starts, or starts in the past', async () => {
    const backwards = await admin.post('/workshops', workshop({ startsAt: inDays(14, 3), endsAt: inDays(14) }));
    expect([backwards.status, backwards.body.details.map((d: { field: string }) => d.field)]).toEqual([400, ['endsAt']]);
    const past = await admin.post('/workshops', workshop({ startsAt: inDays(-2), endsAt: inDays(-2, 2) }));
    expect([past.status, past.body.details.map((d: { field: string }) => d.field)]).toEqual([400, ['startsAt']]);
  });

  it('answers 404 for an unknown cluster or workshop', async () => {
    expect((await admin.post('/workshops', workshop({ clusterId: 'no-such-cluster' }))).body.code).toBe('CLUSTER.NOT_FOUND');
    expect((await admin.get('/workshops/no-such-workshop')).body.code).toBe('WORKSHOP.NOT_FOUND');
  });

  it('lists workshops soonest first, by cluster, theme and start date', async () => {
    await admin.post('/workshops', workshop({ title: 'Atelier boîtiers', theme: 'cases', clusterId: cases.id, startsAt: inDays(30), endsAt: inDays(30, 2) }));
    await admin.post('/workshops', workshop({ title: 'Atelier ouvert à tous', theme: 'logistics', clusterId: undefined, startsAt: inDays(7), endsAt: inDays(7, 2) }));
    const all = (await outsider.get('/workshops')).body.items.map((w: { title: string }) => w.title);
    expect(all).toEqual(['Atelier ouvert à tous', 'Atelier cadrans : émail grand feu', 'Atelier boîtiers']);
    expect((await outsider.get(`/workshops?clusterId=${cases.id}`)).body.total).toBe(1);
    expect((await outsider.get('/workshops?theme=logistics')).body.items[0].clusterId).toBeUndefined();
    expect((await outsider.get(`/workshops?from=${encodeURIComponent(inDays(10))}&to=${encodeURIComponent(inDays(20))}`)).body.total).toBe(1);
    expect((await outsider.get('/workshops?from=not-a-date')).status).toBe(400);
  });

  it("tells the people of the cluster's companies of a new workshop, and everyone of a workshop open to all", async () => {
    const titles = async (client: ApiClient) => (await client.get('/notifications')).body.items.map((n: { title: string }) => n.title);
    await waitFor(async () => (await titles(coordinator)).includes('Nouvel atelier : Atelier cadrans : émail grand feu'), 'the coordinator told of its workshop');
    await waitFor(async () => (await titles(outsider)).includes('Nouvel atelier : Atelier ouvert à tous'), 'everyone told of the open workshop');
    expect(await titles(outsider)).not.toContain('Nouvel atelier : Atelier cadrans : émail grand feu');
  });

  it('counts the upcoming workshops in the sector figures', async () => {
    const stats = await waitFor(async () => {
      const reply = await outsider.get('/stats');
      return reply.body.upcomingWorkshops?.total === 3 ? reply.body : undefined;
    }, 'three upcoming workshops in the figures');
    expect(stats.upcomingWorkshops.next.map((w: { title: string }) => w.title)[0]).toBe('Atelier ouvert à tous');
  });
});
