import { waitFor } from '@grappes/testing';
import { ApiClient } from './support/client';
import { siren } from './support/identifiers';
import { ADMIN } from './support/platform';
import { usePlatform } from './support/use-platform';

const PASSWORD = 'rules-password-1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const company = (name: string, sirenNumber: string) => ({
  name, siren: sirenNumber, category: 'components-and-microtechnics', capabilities: ['dials'], region: 'Bourgogne-Franche-Comté',
});
const person = (email: string, role: string) => ({ email, firstName: 'Jeanne', lastName: 'Vuillemin', role, password: PASSWORD });

interface Notice { id: string; type: string; createdAt: string; readAt?: string; data: { clusterId?: string } }

/** Rules of api.md, each proved through the gateway as a client meets it. */
describe('the rules of the public contract', () => {
  const { anonymous, admin } = usePlatform();
  let coordinator: ApiClient;
  let coordinatorsMember: ApiClient;
  let otherAdmin: ApiClient;
  let ids: { coordinating: string; other: string; joiner: string };

  beforeAll(async () => {
    const register = async (name: string, eightDigits: string, adminEmail: string) => {
      const { id } = (await admin.post('/companies', company(name, siren(eightDigits)))).body;
      expect((await admin.post(`/companies/${id}/people`, person(adminEmail, 'company-admin'))).status).toBe(201);
      return id as string;
    };
    ids = {
      coordinating: await register('Cadrans Vuillemin', '40000001', 'chef@vuillemin.example'),
      other: await register('Aiguilles Jacot', '40000002', 'chef@jacot.example'),
      joiner: await register('Ressorts Pétremand', '40000003', 'chef@petremand.example'),
    };
    expect((await admin.post(`/companies/${ids.coordinating}/people`, person('atelier@vuillemin.example', 'member'))).status).toBe(201);
    coordinator = await anonymous.login('chef@vuillemin.example', PASSWORD);
    coordinatorsMember = await anonymous.login('atelier@vuillemin.example', PASSWORD);
    otherAdmin = await anonymous.login('chef@jacot.example', PASSWORD);
  });

  describe('the inbox', () => {
    let clusterIds: string[];
    const inbox = async (query = '') => (await admin.get(`/notifications${query}`)).body as { items: Notice[]; total: number; unreadCount: number };

    beforeAll(async () => {
      clusterIds = [];
      for (const name of ['Grappe Cadrans I', 'Grappe Cadrans II', 'Grappe Cadrans III']) {
        const cluster = (await admin.post('/clusters', { name, theme: 'dials', admission: 'open' })).body;
        expect((await admin.post(`/clusters/${cluster.id}/members`, { companyId: ids.joiner })).status).toBe(201);
        clusterIds.push(cluster.id);
      }
      await waitFor(async () => {
        const { items } = await inbox();
        return clusterIds.every((id) => items.some((n) => n.data.clusterId === id)) || undefined;
      }, 'the three joins in the admin inbox');
    });

    it('lists the inbox newest first', async () => {
      const { items } = await inbox();
      const times = items.map((n) => Date.parse(n.createdAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      const joins = items.filter((n) => clusterIds.includes(n.data.clusterId!)).map((n) => n.data.clusterId);
      expect(joins).toEqual([...clusterIds].reverse());
    });

    it('counts the unread notifications in unreadCount', async () => {
      const { items, total, unreadCount } = await inbox('?limit=100');
      expect(items).toHaveLength(total);
      expect(unreadCount).toBe(items.filter((n) => n.readAt === undefined).length);
      expect(unreadCount).toBeGreaterThanOrEqual(3);
    });

    it('marks a notification read for its recipient: it leaves unread=true and unreadCount', async () => {
      const before = await inbox();
      const newest = before.items[0];
      const read = await admin.post(`/notifications/${newest.id}/read`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: newest.id, readAt: expect.any(String) });

      const after = await inbox();
      expect(after.unreadCount).toBe(before.unreadCount - 1);
      const unread = await inbox('?unread=true');
      expect(unread.items.map((n) => n.id)).not.toContain(newest.id);
      expect(unread.items.every((n) => n.readAt === undefined)).toBe(true);
      expect(unread.total).toBe(after.unreadCount);
    });

    it('lets nobody but its recipient mark a notification read (404, as if it did not exist)', async () => {
      const { items } = await inbox('?unread=true');
      const reply = await otherAdmin.post(`/notifications/${items[0].id}/read`);
      expect([reply.status, reply.body.code]).toEqual([404, 'NOTIFICATION.NOT_FOUND']);
      expect((await inbox('?unread=true')).items.map((n) => n.id)).toContain(items[0].id);
    });
  });

  it('lists clusters of one theme with their memberCount', async () => {
    const cases = (await admin.post('/clusters', { name: 'Grappe Boîtes', theme: 'cases', admission: 'open' })).body;
    await admin.post(`/clusters/${cases.id}/members`, { companyId: ids.joiner });
    await admin.post(`/clusters/${cases.id}/members`, { companyId: ids.other });
    const reply = await coordinatorsMember.get('/clusters?theme=cases');
    expect(reply.status).toBe(200);
    expect(reply.body.items.map((c: { theme: string }) => c.theme)).toEqual(['cases']);
    expect(reply.body.items[0]).toMatchObject({ id: cases.id, memberCount: 2 });
  });

  it('answers /health/live without a token', async () => {
    const reply = await anonymous.get('/health/live');
    expect([reply.status, reply.body]).toEqual([200, { status: 'ok' }]);
  });

  it('generates an x-correlation-id when none is given, on successes and errors alike, and echoes a given one', async () => {
    const success = await admin.get('/me');
    const failure = await anonymous.get('/me');
    expect(success.status).toBe(200);
    expect(success.headers.get('x-correlation-id')).toMatch(UUID);
    expect(failure.headers.get('x-correlation-id')).toMatch(UUID);
    expect(failure.body.correlationId).toBe(failure.headers.get('x-correlation-id'));
    expect((await admin.get('/me', { 'x-correlation-id': 'rules-given-1' })).headers.get('x-correlation-id')).toBe('rules-given-1');
  });

  it("signs in with tokenType Bearer and expiresIn, the access token's lifetime in seconds", async () => {
    const reply = await anonymous.post('/auth/login', { email: ADMIN.email, password: ADMIN.password });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const claims = JSON.parse(Buffer.from(reply.body.accessToken.split('.')[1], 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(reply.body.expiresIn);
  });

  it('refuses limit=0, limit=101 and page=0 with 400 naming the field', async () => {
    for (const [query, field] of [['limit=0', 'limit'], ['limit=101', 'limit'], ['page=0', 'page']]) {
      const reply = await admin.get(`/companies?${query}`);
      expect([reply.status, reply.body.details?.map((d: { field: string }) => d.field)]).toEqual([400, [field]]);
    }
  });

  it('refuses to open an account with role "federation-admin" through a company, whoever asks', async () => {
    for (const [client, email] of [[admin, 'staff1@jacot.example'], [otherAdmin, 'staff2@jacot.example']] as const) {
      const reply = await client.post(`/companies/${ids.other}/people`, person(email, 'federation-admin'));
      expect([reply.status, reply.body.details?.map((d: { field: string }) => d.field)]).toEqual([400, ['role']]);
    }
  });

  it('refuses to open a cluster to anyone but federation staff (403)', async () => {
    for (const client of [coordinator, coordinatorsMember, otherAdmin]) {
      const reply = await client.post('/clusters', { name: 'Grappe Pirate', theme: 'dials', admission: 'open' });
      expect([reply.status, reply.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    }
  });

  it('lets the coordinator remove a member company (204), and not its plain members', async () => {
    const cluster = (await admin.post('/clusters', { name: 'Grappe Coordonnée', theme: 'dials', admission: 'open', coordinatorCompanyId: ids.coordinating })).body;
    expect((await admin.post(`/clusters/${cluster.id}/members`, { companyId: ids.other })).status).toBe(201);
    const byPlainMember = await coordinatorsMember.request('DELETE', `/clusters/${cluster.id}/members/${ids.other}`);
    expect(byPlainMember.status).toBe(403);

    const removal = await coordinator.request('DELETE', `/clusters/${cluster.id}/members/${ids.other}`);
    expect(removal.status).toBe(204);
    const members = (await admin.get(`/clusters/${cluster.id}`)).body.members.map((m: { companyId: string }) => m.companyId);
    expect(members).toEqual([ids.coordinating]);
  });
});
